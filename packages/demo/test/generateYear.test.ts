import { createHash } from 'node:crypto';
import { compileInstrument } from '@manyi/domain/answers';
import { describe, expect, it } from 'vitest';
import { demoCampaignWindow } from '../src/campaignWindow.ts';
import { loadInstruments } from '../src/demoInstruments.ts';
import { generateRegion } from '../src/demoRegion.ts';
import { generateYear, streamYear } from '../src/generateResponses.ts';
import type { SyntheticResponse } from '../src/syntheticResponse.ts';
import { correlation, overallScore, quantile, residentsOf } from './statistics.ts';

const instruments = loadInstruments();
const y2025 = generateYear({ year: 2025 });
const y2026 = generateYear({ year: 2026 });
const region = generateRegion();
const small = generateRegion({
  seed: 3,
  districts: 1,
  streetsPerDistrict: 2,
  communitiesPerStreet: 3,
});
const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const genuineOf = new Map<number, SyntheticResponse[]>();
/** The year's resident responses, planted ones left out. */
const genuine = (y: typeof y2025) => {
  let list = genuineOf.get(y.truth.year);
  if (!list) {
    const planted = new Set([...y.truth.speeders, ...y.truth.straightLiners]);
    list = residentsOf(y.responses).filter((r) => !planted.has(r.clientId));
    genuineOf.set(y.truth.year, list);
  }
  return list;
};

describe('generateYear', () => {
  it('gives the same year for the same seed, another for another seed', () => {
    const again = generateYear({ year: 2025 });
    expect(again).toEqual(y2025);
    expect(hash(again)).toBe(hash(y2025));
    expect(hash(generateYear({ seed: 99, year: 2025 }))).not.toBe(hash(y2025));
    // A pinned year: the output changed if this fails (the generator, its seeds or the instruments).
    // Update the hash when that was meant.
    expect(hash(generateYear({ seed: 3, year: 2025, regionRows: small }))).toBe(
      '23e8f1ddc56b3669966935a18732bc209ce06957701cad138d44c5eb4b1795fc',
    );
  });

  it('draws answers the server accepts, shaped as the survey page sends them', () => {
    const compiled = Object.fromEntries(
      Object.values(instruments).map((i) => [i.name, compileInstrument(i)]),
    );
    for (const year of [y2025, y2026])
      for (const r of year.responses)
        expect(compiled[r.instrument]!.validate(r.answers), r.clientId).toEqual([]);
    const ids = [...y2025.responses, ...y2026.responses].map((r) => r.clientId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{8,64}$/.test(id))).toBe(true);
  });

  it('draws ~80 residents per community, ~8% under 30, spread over grids unlike their populations', () => {
    const sizes = y2025.truth.communities.map((c) => c.residents);
    const share = (test: (n: number) => boolean) => sizes.filter(test).length / sizes.length;
    expect(sizes.reduce((a, b) => a + b) / sizes.length).toBeGreaterThan(70);
    expect(sizes.reduce((a, b) => a + b) / sizes.length).toBeLessThan(95);
    expect(share((n) => n < 30)).toBeGreaterThan(0.03);
    expect(share((n) => n < 30)).toBeLessThan(0.14);
    expect(share((n) => n >= 40 && n <= 150)).toBeGreaterThan(0.75);
    // Total variation distance between respondents' and residents' grid shares.
    const population = new Map(region.map((r) => [r.grid_code, r.population!]));
    const distances = y2025.truth.communities
      .filter((c) => c.residents >= 60)
      .map((c) => {
        const grids = region.filter((r) => r.community_code === c.code);
        const answered = residentsOf(y2025.responses).filter((r) => r.subjectCode === c.code);
        const total = grids.reduce((s, g) => s + population.get(g.grid_code)!, 0);
        return grids.reduce((d, g) => {
          const respondents =
            answered.filter((r) => r.gridCode === g.grid_code).length / answered.length;
          return d + Math.abs(respondents - population.get(g.grid_code)! / total) / 2;
        }, 0);
      });
    expect(distances.reduce((a, b) => a + b) / distances.length).toBeGreaterThan(0.1);
  });

  it('plants speeders and straight-liners at the set rates, and none when set to 0', () => {
    const residents = residentsOf(y2025.responses);
    const byId = new Map(residents.map((r) => [r.clientId, r]));
    expect(y2025.truth.speeders.length / residents.length).toBeCloseTo(0.03, 1.7);
    expect(y2025.truth.straightLiners.length / residents.length).toBeCloseTo(0.03, 1.7);
    for (const id of y2025.truth.speeders) expect(seconds(byId.get(id)!)).toBeLessThan(60);
    const items = instruments.resident.items.map((i) => i.question);
    for (const id of y2025.truth.straightLiners)
      expect(new Set(items.map((q) => byId.get(id)!.answers[q])).size).toBe(1);
    const clean = generateYear({
      year: 2025,
      regionRows: small,
      options: { speederRate: 0, straightLinerRate: 0 },
    });
    expect(clean.truth.speeders).toEqual([]);
    expect(clean.truth.straightLiners).toEqual([]);
  });

  it('answers like residents: 5–10% 不了解, optional questions often skipped, 2–6 minutes', () => {
    const items = new Set(instruments.resident.items.map((i) => i.question));
    const answers = genuine(y2025).flatMap((r) =>
      Object.entries(r.answers).filter(([q]) => items.has(q)),
    );
    const notKnown = answers.filter(([, v]) => v === 'na').length / answers.length;
    expect(notKnown).toBeGreaterThan(0.05);
    expect(notKnown).toBeLessThan(0.1);
    const answered = (q: string) =>
      genuine(y2025).filter((r) => q in r.answers).length / genuine(y2025).length;
    expect(answered('residence')).toBeGreaterThan(0.5);
    expect(answered('residence')).toBeLessThan(0.85);
    expect(answered('suggestion')).toBeLessThan(0.25);
    const durations = genuine(y2025).map(seconds);
    expect(quantile(durations, 0.1)).toBeGreaterThan(120);
    expect(quantile(durations, 0.9)).toBeLessThan(260);
    expect(Math.max(...durations)).toBeLessThanOrEqual(480);
  });

  it('keeps every timestamp inside the campaign window; staff submit in office hours', () => {
    const { opensAt, closesAt } = demoCampaignWindow(2025);
    for (const r of y2025.responses) {
      expect(r.startedAt.getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
      expect(r.submittedAt.getTime()).toBeLessThan(closesAt.getTime());
      expect(r.submittedAt.getTime()).toBeGreaterThan(r.startedAt.getTime());
    }
    const staff = y2025.responses.filter((r) => r.instrument !== 'resident');
    const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3_600_000);
    expect(
      staff.every(
        (r) =>
          shanghai(r.submittedAt).getUTCHours() >= 8 && shanghai(r.submittedAt).getUTCHours() <= 18,
      ),
    ).toBe(true);
    expect(staff.every((r) => ![0, 6].includes(shanghai(r.submittedAt).getUTCDay()))).toBe(true);
  });

  it('has every community rate its street once, and every street rate each community once', () => {
    const street = new Map(region.map((r) => [r.community_code, r.street_code]));
    for (const c of y2025.truth.communities) {
      const up = y2025.responses.filter(
        (r) => r.instrument === 'community_to_street' && r.raterCode === c.code,
      );
      const down = y2025.responses.filter(
        (r) => r.instrument === 'street_to_community' && r.subjectCode === c.code,
      );
      expect(up.map((r) => [r.subjectCode, r.gridCode])).toEqual([[street.get(c.code), null]]);
      expect(down.map((r) => [r.raterCode, r.gridCode])).toEqual([[street.get(c.code), null]]);
    }
    const reports = y2025.responses.filter((r) => r.instrument === 'community_to_street');
    expect(reports.some((r) => (r.answers.burden_inspections as number) > 3)).toBe(true);
    expect(reports.some((r) => (r.answers.burden_meetings as number) > 4)).toBe(true);
    const over = y2025.truth.streets.filter(
      (s) => s.inspectionsPerMonth > 3 || s.meetingsPerMonth > 4,
    );
    expect(over.length).toBeGreaterThan(0);
    expect(over.length).toBeLessThan(y2025.truth.streets.length / 2);
  });

  it('keeps a truth that is sane and that the data recover', () => {
    const { communities, streets } = y2025.truth;
    for (const c of communities) {
      expect(c.residentScore).toBeGreaterThan(0);
      expect(c.residentScore).toBeLessThan(100);
      expect(c.satisfiedRate!).toBeGreaterThan(0);
      expect(c.satisfiedRate!).toBeLessThan(1);
      expect(Object.keys(c.dimensionScores)).toEqual(
        instruments.resident.dimensions.map((d) => d.code),
      );
    }
    expect(
      quantile(
        communities.map((c) => c.residentScore),
        0.5,
      ),
    ).toBeGreaterThan(70);
    expect(
      quantile(
        communities.map((c) => c.residentScore),
        0.5,
      ),
    ).toBeLessThan(88);
    const quality = communities.map((c) => c.quality);
    expect(
      correlation(
        quality,
        communities.map((c) => c.residentScore),
      ),
    ).toBeGreaterThan(0.9);
    expect(
      correlation(
        communities.map((c) => c.residentScore),
        communities.map((c) => c.satisfiedRate!),
      ),
    ).toBeGreaterThan(0.9);
    expect(
      correlation(
        quality,
        communities.map((c) => c.streetRatingScore!),
      ),
    ).toBeGreaterThan(0.6);
    expect(
      correlation(
        streets.map((s) => s.quality),
        streets.map((s) => s.communityRatingScore!),
      ),
    ).toBeGreaterThan(0.8);
    // The design-weighted mean of genuine residents' scores estimates the true score.
    const estimates = communities
      .filter((c) => c.residents >= 30)
      .map((c) => [designWeightedMean(c.code), c.residentScore] as const);
    const errors = estimates.map(([estimate, truth]) => Math.abs(estimate - truth));
    expect(errors.reduce((a, b) => a + b) / errors.length).toBeLessThan(3);
    expect(
      correlation(
        estimates.map((e) => e[0]),
        estimates.map((e) => e[1]),
      ),
    ).toBeGreaterThan(0.85);
  });

  it('lets qualities drift a little from 2025 to 2026, and some communities change noticeably', () => {
    const before = y2025.truth.communities;
    const after = y2026.truth.communities;
    expect(after.map((c) => c.code)).toEqual(before.map((c) => c.code));
    expect(
      correlation(
        before.map((c) => c.quality),
        after.map((c) => c.quality),
      ),
    ).toBeGreaterThan(0.85);
    const changes = before.map((c, i) => Math.abs(after[i]!.residentScore - c.residentScore));
    expect(quantile(changes, 0.5)).toBeLessThan(2);
    expect(changes.filter((d) => d > 4).length).toBeGreaterThanOrEqual(5);
    expect(y2026.responses.every((r) => r.year === 2026)).toBe(true);
  });

  it('streams lazily: the first responses of a province-size year come at once', () => {
    const province = generateRegion({
      seed: 7,
      districts: 120,
      streetsPerDistrict: [10, 14],
      communitiesPerStreet: [12, 16],
      districtNames: [],
      uniqueNamesAcross: 'district',
    });
    const stream = streamYear({ year: 2025, regionRows: province });
    const first: SyntheticResponse[] = [];
    for (let next = stream.next(); !next.done && first.length < 500; next = stream.next())
      first.push(next.value);
    expect(first).toHaveLength(500);
    expect(first[0]!.subjectCode).toBe('D001S01C01');
  });
});

/** Seconds a response took. */
function seconds(r: SyntheticResponse): number {
  return (r.submittedAt.getTime() - r.startedAt.getTime()) / 1000;
}

/** PRODUCT.md's community resident score from the sample: grid population / grid respondents as weights. */
function designWeightedMean(code: string): number {
  const responses = genuine(y2025).filter((r) => r.subjectCode === code);
  const population = new Map(region.map((r) => [r.grid_code, r.population!]));
  const perGrid = new Map<string, number>();
  for (const r of responses) perGrid.set(r.gridCode!, (perGrid.get(r.gridCode!) ?? 0) + 1);
  let total = 0;
  let weighted = 0;
  for (const r of responses) {
    const score = overallScore(instruments.resident, r.answers);
    if (score === null) continue;
    const weight = population.get(r.gridCode!)! / perGrid.get(r.gridCode!)!;
    total += weight;
    weighted += weight * score;
  }
  return weighted / total;
}
