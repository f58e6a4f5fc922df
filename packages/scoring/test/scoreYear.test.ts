import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameworkError } from '@manyi/domain/frameworkPolicy';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { readFramework } from '../src/frameworkFile.ts';
import { latestResults, type YearResults } from '../src/latestResults.ts';
import { importObjectiveFigures } from '../src/objectiveFigures.ts';
import { estimateResidentScores } from '../src/residentEstimates.ts';
import { residentSample } from '../src/residentSample.ts';
import { resultColumns, resultRecords } from '../src/resultRecords.ts';
import { responseScoringOf } from '../src/responseScoring.ts';
import { scoreYear } from '../src/scoreYear.ts';
import { resultOfStored, storedResult } from '../src/storedResult.ts';
import type { EstimateResult, UnitResult } from '../src/unitResult.ts';
import { instruments, openCampaign, ratedResponse, regionStore } from './smallRegion.ts';

/** Resident responses of a community: `n` respondents over its grids, ratings around `level`. */
function residents(year: number, community: string, grids: string[], n: number, level: number) {
  return Array.from({ length: n }, (_, i) =>
    ratedResponse(
      year,
      'resident',
      { subject: community, grid: grids[i % grids.length]! },
      (_, q) =>
        (i + q) % 7 === 0 ? null : Math.min(5, Math.max(1, level + ((i * 3 + q) % 3) - 1)),
    ),
  );
}

describe('scoreYear', () => {
  let store: Store;
  let scored: YearResults;
  const unit = (code: string): UnitResult => scored.results.find((r) => r.code === code)!;

  beforeAll(async () => {
    store = await regionStore();
    await store.responses.appendAll([
      ...residents(2026, 'C1', ['G11', 'G12'], 40, 4),
      ...residents(2026, 'C2', ['G21'], 10, 5),
      ...residents(2026, 'C3', ['G31'], 35, 3),
      ratedResponse(2026, 'street_to_community', { subject: 'C1', rater: 'S1' }, 4),
      ratedResponse(2026, 'street_to_community', { subject: 'C2', rater: 'S1' }, 5),
      ratedResponse(2026, 'street_to_community', { subject: 'C3', rater: 'S2' }, 3),
      ratedResponse(2026, 'community_to_street', { subject: 'S1', rater: 'C1' }, 4, {
        burden_inspections: 4,
        burden_meetings: 2,
      }),
      ratedResponse(2026, 'community_to_street', { subject: 'S1', rater: 'C2' }, 2, {
        burden_inspections: 1,
        burden_meetings: 2,
      }),
    ]);
    scored = await scoreYear(store, 2026, { seed: 42 });
  });
  afterAll(() => store.close());

  it('stores a run and one result per community and street, read back without recomputing', async () => {
    expect(scored.run).toMatchObject({ runId: 1, year: 2026, seed: 42 });
    expect(scored.results.map((r) => [r.level, r.code])).toEqual([
      ['street', 'S1'],
      ['street', 'S2'],
      ['community', 'C1'],
      ['community', 'C2'],
      ['community', 'C3'],
    ]);
    expect(await latestResults(store, 2026)).toEqual(scored);
    expect(scored.run.summary.reliability.resident!.map((r) => r.measure)).toEqual(
      instruments.resident.dimensions.map((d) => d.code).sort(),
    );
  });

  it('stores each result in its compact form and reads it back value for value, key for key', async () => {
    const rows = await store.query<{ row: string }>(
      'SELECT row FROM results WHERE run_id = ? ORDER BY level DESC, unit_code',
      [scored.run.runId],
    );
    expect(rows).toHaveLength(scored.results.length);
    rows.forEach(({ row }, i) => {
      const result = scored.results[i]!;
      const stored = JSON.parse(row) as { form: number; code: string; resident: unknown[] };
      expect(stored).toMatchObject({ form: 3, code: result.code });
      // the bounds are left out, made again on reading
      expect(stored.resident).toEqual([
        result.resident.n,
        result.resident.score,
        result.resident.se,
        result.resident.satisfiedRate,
        result.resident.satisfiedSe,
      ]);
      // the same JSON: every value to the bit, every key in its place
      expect(JSON.stringify(resultOfStored(row))).toBe(JSON.stringify(result));
      expect(row.length).toBeLessThan(0.75 * JSON.stringify(result).length);
    });
    const street = unit('S1');
    expect(street.communityRating).not.toBeNull();
    expect(street.burden).not.toBeNull();
    // a row stored before the compact form (plain UnitResult JSON) reads as it was
    expect(resultOfStored(JSON.stringify(street))).toEqual(street);
    expect(() => resultOfStored(JSON.stringify({ ...street, form: 4 }))).toThrow(
      /无法读取 \/ results row of unknown form 4/,
    );
  });

  it('reads form 2 rows, and keeps bounds that are not score ∓ 1.96·SE', () => {
    const street = unit('S1');
    const asArray = (e: EstimateResult) => [
      e.n,
      e.score,
      e.se,
      e.low,
      e.high,
      e.satisfiedRate,
      e.satisfiedSe,
    ];
    // form 2: every estimate with its bounds, as runs stored them before form 3
    const form2 = {
      form: 2,
      ...street,
      resident: asArray(street.resident),
      dimensions: Object.fromEntries(
        Object.entries(street.dimensions).map(([m, e]) => [m, asArray(e)]),
      ),
      streetRating: null,
      communityRating: [
        street.communityRating!.raters,
        street.communityRating!.score,
        street.communityRating!.se,
      ],
      indicators: Object.fromEntries(
        Object.entries(street.indicators).map(([k, v]) => [k, v && [v.score, v.se]]),
      ),
      rankInDistrict: street.rankInDistrict && Object.values(street.rankInDistrict),
      rankInClass: street.rankInClass && Object.values(street.rankInClass),
    };
    expect(JSON.stringify(resultOfStored(JSON.stringify(form2)))).toBe(JSON.stringify(street));
    // bounds of another making (not this code's) are stored and read back as they were
    const odd = { ...street, resident: { ...street.resident, low: 1, high: 99 } };
    const row = storedResult(odd);
    expect((JSON.parse(row) as { resident: unknown[] }).resident).toHaveLength(7);
    expect(resultOfStored(row)).toEqual(odd);
  });

  it("keeps the design-based resident estimate and the framework's composite", async () => {
    const estimates = await estimateResidentScores(
      store,
      residentSample(2026, responseScoringOf(instruments.resident)),
    );
    const c1 = estimates.find((e) => e.community === 'C1' && e.measure === 'overall')!;
    expect(unit('C1').resident).toMatchObject({
      n: 40,
      score: c1.score,
      se: c1.se,
      low: c1.scoreLow,
    });
    expect(unit('C1').streetRating).toEqual({ raters: 1, score: 75, se: 0 });
    // community composite = 0.7·resident + 0.3·street rating; SE from the resident part alone
    expect(unit('C1').composite).toBeCloseTo(0.7 * c1.score! + 0.3 * 75, 12);
    expect(unit('C1').compositeSe).toBeCloseTo(0.7 * c1.se!, 12);
    expect(Object.keys(unit('C1').dimensions).sort()).toEqual(
      instruments.resident.dimensions.map((d) => d.code).sort(),
    );
  });

  it("weighs a street's residents by community population and adds its communities' rating", () => {
    const [c1, c2, s1] = [unit('C1'), unit('C2'), unit('S1')];
    const resident = (1500 * c1.resident.score! + 500 * c2.resident.score!) / 2000;
    expect(s1.resident.score).toBeCloseTo(resident, 12);
    expect(s1.resident.se).toBeCloseTo(
      Math.hypot(0.75 * c1.resident.se!, 0.25 * c2.resident.se!),
      12,
    );
    expect(s1.resident.n).toBe(50);
    // rated 75 by C1 and 25 by C2
    expect(s1.communityRating).toEqual({ raters: 2, score: 50, se: expect.closeTo(25, 12) });
    expect(s1.composite).toBeCloseTo(0.6 * resident + 0.4 * 50, 12);
    expect(s1.burden).toEqual({ reporting: 2, over: 1, compliance: 0.5 });
  });

  it('flags 样本不足 under 30 responses: no stars, no rank', () => {
    expect(unit('C2').flags).toContain('样本不足');
    expect(unit('C2')).toMatchObject({ stars: null, rankInDistrict: null, rankInClass: null });
    expect(unit('C2').composite).not.toBeNull();
  });

  it('ranks within the district and within the urban/rural class, with rank intervals', () => {
    const [c1, c3] = [unit('C1'), unit('C3')];
    expect(c1.composite!).toBeGreaterThan(c3.composite! + 10);
    expect(c1.rankInDistrict).toEqual({ rank: 1, low: 1, high: 1, of: 2 });
    expect(c3.rankInDistrict).toEqual({ rank: 2, low: 2, high: 2, of: 2 });
    expect(c1.rankInClass).toEqual({ rank: 1, low: 1, high: 1, of: 1 });
    expect(c3.rankInClass).toEqual({ rank: 1, low: 1, high: 1, of: 1 });
    expect(c1.stars).toBe(c1.composite! >= 80 ? 4 : 3);
    // S2 has no community rating: its composite is its residents' alone, flagged
    expect(unit('S2').flags).toContain('缺少指标:community_rating');
    expect(unit('S2').composite).toBeCloseTo(unit('C3').resident.score!, 12);
  });

  it('records the change since last year and whether it is significant', async () => {
    await openCampaign(store, 2027);
    await store.responses.appendAll([
      ...residents(2027, 'C1', ['G11', 'G12'], 40, 2),
      ...residents(2027, 'C3', ['G31'], 35, 3),
    ]);
    const next = await scoreYear(store, 2027, { seed: 42 });
    const c1 = next.results.find((r) => r.code === 'C1')!;
    const c3 = next.results.find((r) => r.code === 'C3')!;
    expect(c1.residentChange!.change).toBeCloseTo(
      c1.resident.score! - unit('C1').resident.score!,
      12,
    );
    expect(c1.residentChange!.significant).toBe(true);
    expect(c3.residentChange).toEqual({ change: expect.closeTo(0, 9), significant: false });
    expect(next.run.runId).toBe(2);
  });

  it('flattens results into the columns of the results file', () => {
    const records = resultRecords(scored.results);
    const columns = resultColumns(scored.results);
    expect(columns.map((c) => c.key)).toEqual(
      expect.arrayContaining([
        'code',
        'n',
        'resident_score',
        'resident_se',
        'resident_low',
        'composite',
        'stars',
        'rank_district',
        'rank_district_low',
        'rank_class_high',
        'composite_change_significant',
        'flags',
        'environment_score',
      ]),
    );
    expect(columns.find((c) => c.key === 'rank_district')!.header).toBe('区县内排名');
    const c2 = records.find((r) => r.code === 'C2')!;
    expect(c2).toMatchObject({ level: '社区(村)', n: 10, rank_district: null, flags: '样本不足' });
    expect(records.find((r) => r.code === 'C1')).toMatchObject({
      composite: unit('C1').composite,
      rank_district: 1,
      street_name: '东街道',
    });
  });

  it('refuses a framework against policy and writes nothing', async () => {
    const framework = readFramework();
    const bad = {
      ...framework,
      community: {
        ...framework.community,
        indicators: framework.community.indicators.map((i) => ({
          ...i,
          weight: i.code === 'resident' ? 0.4 : 0.6,
        })),
      },
    };
    await expect(scoreYear(store, 2026, { framework: bad })).rejects.toThrow(FrameworkError);
    await expect(scoreYear(store, 2026, { framework: bad })).rejects.toThrow(/不足一半/);
    expect((await latestResults(store, 2026))!.run.runId).toBe(1);
    expect((await store.query('SELECT count(*) AS n FROM scoring_runs'))[0]).toEqual({ n: 2n });
  });

  it('refuses to rescore a finalized year', async () => {
    await setCampaignState(store, 2026, 'closed');
    await setCampaignState(store, 2026, 'finalized');
    await expect(scoreYear(store, 2026)).rejects.toThrow(/已定稿.*finalized/);
  });
});

describe('scoreYear with objective figures and a single question', () => {
  it('maps an imported figure onto 0–100, renormalizes where a unit lacks it, and estimates a bound question alone', async () => {
    const store = await regionStore();
    try {
      await store.responses.appendAll([
        ...residents(2026, 'C1', ['G11', 'G12'], 30, 4),
        ...residents(2026, 'C2', ['G21'], 30, 4),
        ratedResponse(2026, 'street_to_community', { subject: 'C1', rater: 'S1' }, 4),
        ratedResponse(2026, 'street_to_community', { subject: 'C2', rater: 'S1' }, 4),
      ]);
      const csv = join(mkdtempSync(join(tmpdir(), 'manyi-')), 'closure.csv');
      writeFileSync(csv, 'unit_code,year,value\nC1,2026,0.9\nC3,2026,0.5\nC1,2025,0.1\n');
      expect(await importObjectiveFigures(store, 'closure_rate', csv)).toBe(3);
      const base = readFramework();
      const framework = {
        ...base,
        community: {
          ...base.community,
          indicators: [
            { ...base.community.indicators[0]!, weight: 0.6 },
            {
              code: 'response',
              name: '诉求回应',
              weight: 0.1,
              source: { kind: 'resident' as const, question: 'svc_response' },
            },
            { ...base.community.indicators[1]!, weight: 0.2 },
            {
              code: 'closure',
              name: '诉求办结率',
              weight: 0.1,
              category: 'objective',
              source: { kind: 'objective' as const, figure: 'closure_rate', min: 0, max: 1 },
            },
          ],
        },
      };
      const { results } = await scoreYear(store, 2026, { framework });
      const [c1, c2] = ['C1', 'C2'].map((code) => results.find((r) => r.code === code)!);
      expect(c1!.indicators.closure).toEqual({ score: 90, se: 0 });
      // the bound question is estimated on its own and leaves the overall score as it was
      const question = c1!.dimensions.svc_response!;
      expect(c1!.indicators.response).toEqual({ score: question.score, se: question.se });
      const overall = await estimateResidentScores(
        store,
        residentSample(2026, responseScoringOf(instruments.resident)),
      );
      expect(c1!.resident.score).toBe(
        overall.find((e) => e.measure === 'overall' && e.community === 'C1')!.score,
      );
      const resident = 0.6 * c1!.resident.score! + 0.1 * question.score!;
      expect(c1!.composite).toBeCloseTo(resident + 0.2 * 75 + 0.1 * 90, 12);
      // C2 has no 办结率: its 0.1 goes to the others, in proportion
      expect(c2!.flags).toContain('缺少指标:closure');
      const c2Resident = 0.6 * c2!.resident.score! + 0.1 * c2!.dimensions.svc_response!.score!;
      expect(c2!.composite).toBeCloseTo((c2Resident + 0.2 * 75) / 0.9, 12);
      // the same inputs, framework and seed give the same numbers
      expect((await scoreYear(store, 2026, { framework })).results).toEqual(results);
    } finally {
      await store.close();
    }
  });
});
