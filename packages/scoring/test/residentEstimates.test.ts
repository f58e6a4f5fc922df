import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@manyi/store/Store';
import { estimateResidentScores, type ResidentSample } from '../src/residentEstimates.ts';
import { num, readCsvTable } from './csvTable.ts';

const fixture = (file: string) => fileURLToPath(new URL(`fixtures/${file}`, import.meta.url));

/** The R fixture's respondents and their overall and dimension scores, as the estimator reads them. */
const fixtureSample: ResidentSample = {
  respondents: {
    sql: `SELECT respondent, community, grid, CAST(grid_population AS DOUBLE) AS grid_population
          FROM read_csv(?, header = true, all_varchar = true)`,
    params: [fixture('design-respondent-scores.csv')],
  },
  scores: {
    sql: `SELECT measure, respondent, CAST(score AS DOUBLE) AS score
          FROM read_csv(?, header = true, all_varchar = true)
          UNPIVOT (score FOR measure IN (overall, env, safety, service))`,
    params: [fixture('design-respondent-scores.csv')],
  },
  measures: ['overall', 'env', 'safety', 'service'],
};

/** A sample of one measure from literal rows (respondent, community, grid, grid_population, score). */
const literalSample = (rows: string): ResidentSample => ({
  respondents: {
    sql: `SELECT respondent, community, grid, grid_population FROM (VALUES ${rows}) AS t(respondent, community, grid, grid_population, score)`,
    params: [],
  },
  scores: {
    sql: `SELECT 'overall' AS measure, respondent, score FROM (VALUES ${rows}) AS t(respondent, community, grid, grid_population, score)`,
    params: [],
  },
  measures: ['overall'],
});

describe('estimateResidentScores', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ path: ':memory:' });
  });
  afterAll(() => store.close());

  it('matches R survey (svyby, svymean) per community and dimension to 1e-9', async () => {
    // several communities, unequal weights, lonely grids, unknown populations, missing answers
    const expected = readCsvTable(fixture('design-expected.csv'));
    const estimates = await estimateResidentScores(store, fixtureSample);
    expect(estimates).toHaveLength(expected.length);
    for (const want of expected) {
      const got = estimates.find(
        (e) => e.measure === want.measure && e.community === want.community,
      )!;
      expect(got.n).toBe(num(want.n));
      expect(Math.abs(got.score! - num(want.score)!)).toBeLessThan(1e-9);
      expect(Math.abs(got.se! - num(want.se)!)).toBeLessThan(1e-9);
      expect(Math.abs(got.satisfiedRate! - num(want.satisfied_rate)!)).toBeLessThan(1e-9);
      expect(Math.abs(got.satisfiedSe! - num(want.satisfied_se)!)).toBeLessThan(1e-9);
      expect(got.scoreLow).toBeCloseTo(got.score! - 1.96 * got.se!, 12);
      expect(got.scoreHigh).toBeCloseTo(got.score! + 1.96 * got.se!, 12);
    }
  });

  it('gives a community whose respondents have no score no estimate', async () => {
    const [estimate] = await estimateResidentScores(
      store,
      literalSample(`('R1', 'C9', 'G1', 100.0, NULL::DOUBLE)`),
    );
    expect(estimate).toMatchObject({
      community: 'C9',
      n: 0,
      score: null,
      se: null,
      scoreLow: null,
    });
  });

  it('takes a grid of one respondent with certainty and a grid without population at weight 1', async () => {
    // hand computation: G1 (pop 300, one respondent, 80) weighs 300; G2 (no population) 1 + 1.
    // mean = (300·80 + 60 + 40) / 302; only G2 adds variance: z_i = (y_i − ȳ)/302, n_h = 2.
    const [estimate] = await estimateResidentScores(
      store,
      literalSample(
        `('R1', 'C1', 'G1', 300.0, 80.0), ('R2', 'C1', 'G2', NULL, 60.0), ('R3', 'C1', 'G2', NULL, 40.0)`,
      ),
    );
    const mean = (300 * 80 + 60 + 40) / 302;
    const [z1, z2] = [(60 - mean) / 302, (40 - mean) / 302];
    const zBar = (z1 + z2) / 2;
    expect(estimate!.score).toBeCloseTo(mean, 12);
    expect(estimate!.se).toBeCloseTo(Math.sqrt(2 * ((z1 - zBar) ** 2 + (z2 - zBar) ** 2)), 12);
    expect(estimate!.lonelyGrids).toBe(1);
  });
});
