import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYear } from '@manyi/demo/generateResponses';
import { seedDemo } from '@manyi/demo/seedDemo';
import type { YearTruth } from '@manyi/demo/yearTruth';
import { openStore, type Store } from '@manyi/store/Store';
import { competitionRanks } from '../src/competitionRanks.ts';
import { scoreYear } from '../src/scoreYear.ts';
import { lonelyGridFlag, tooFewResponses, type UnitResult } from '../src/unitResult.ts';
import { replicatedDemo, spearman } from './replicatedDemo.ts';

// Synthetic data whose truth is known (packages/demo): the scoring must recover it.

describe('truth recovery at the demo sizes', () => {
  let store: Store;
  let results: UnitResult[];
  let truth: YearTruth;

  beforeAll(async () => {
    store = await openStore({ path: ':memory:' });
    await seedDemo(store, { years: [2026] });
    ({ results } = await scoreYear(store, 2026, { seed: 1 }));
    ({ truth } = generateYear({ year: 2026 }));
  }, 120_000);
  afterAll(() => store.close());

  it('orders communities as their latent quality: Spearman ρ ≥ 0.9', () => {
    const composite = new Map(results.filter((r) => r.level === 'community').map((r) => [r.code, r.composite]));
    const scored = truth.communities.filter((c) => composite.get(c.code) != null);
    expect(scored.length).toBeGreaterThan(0.95 * truth.communities.length);
    const rho = spearman(
      scored.map((c) => composite.get(c.code)!),
      scored.map((c) => c.quality),
    );
    expect(rho).toBeGreaterThanOrEqual(0.9);
  });
});

describe('truth recovery over 200 seeded replications', () => {
  let store: Store;
  let truths: YearTruth[];
  let byCode: Map<string, UnitResult>;

  beforeAll(async () => {
    // 200 one-street districts of 5–7 communities at the demo's sample sizes and grid
    // mobilization; planted speeders and straight-liners are left out until quality flags
    // exclude them (they are not the resident population the truth describes).
    ({ store, truths } = await replicatedDemo(
      200,
      { streetsPerDistrict: 1, communitiesPerStreet: [5, 7] },
      { speederRate: 0, straightLinerRate: 0, satisfiedRateTruth: false },
    ));
    const { results } = await scoreYear(store, 2026, { seed: 7 });
    byCode = new Map(results.map((r) => [r.code, r]));
  }, 120_000);
  afterAll(() => store.close());

  it('covers the true resident score with the 95% interval 93–97% of the time', () => {
    const covered = (flagged: boolean) =>
      truths
        .flatMap((t) => t.communities)
        .map((c) => ({ truth: c.residentScore, result: byCode.get(c.code)! }))
        .filter(({ result }) => result.resident.se !== null && result.flags.includes(lonelyGridFlag) === flagged)
        .map(({ truth, result }) => truth >= result.resident.low! && truth <= result.resident.high!);
    const clean = covered(false);
    expect(clean.length).toBeGreaterThan(900);
    const coverage = clean.filter(Boolean).length / clean.length;
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
    // A grid of one respondent adds no variance (certainty, as R): those communities are flagged,
    // and rightly so, their intervals are too narrow.
    const lonely = covered(true);
    expect(lonely.filter(Boolean).length / lonely.length).toBeLessThan(0.9);
  });

  it('contains the true rank in the 90% rank interval at least 90% of the time', () => {
    // The true composite takes each street's rating as made: a single rater's rating is a census
    // of that street's view and carries SE 0 in the composite (see twoWayRatings.ts).
    let [contained, total] = [0, 0];
    for (const t of truths) {
      const ranked = t.communities
        .map((c) => ({ c, result: byCode.get(c.code)! }))
        .filter(({ result }) => result.rankInDistrict !== null);
      const trueComposite = ranked.map(({ c, result }) => 0.7 * c.residentScore + 0.3 * result.streetRating!.score);
      const trueRanks = competitionRanks(trueComposite);
      ranked.forEach(({ result }, i) => {
        const { low, high } = result.rankInDistrict!;
        total++;
        if (trueRanks[i]! >= low && trueRanks[i]! <= high) contained++;
      });
    }
    expect(total).toBeGreaterThan(900);
    expect(contained / total).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks only units with at least 30 valid responses', () => {
    const communities = [...byCode.values()].filter((r) => r.level === 'community');
    const small = communities.filter((r) => r.resident.n < 30);
    expect(small.length).toBeGreaterThan(0);
    for (const r of small) expect(r).toMatchObject({ rankInDistrict: null, rankInClass: null, stars: null });
    expect(small.every((r) => r.flags.includes(tooFewResponses))).toBe(true);
    expect(communities.filter((r) => r.resident.n >= 30).every((r) => r.rankInDistrict !== null)).toBe(true);
  });
});
