import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@manyi/store/Store';
import { estimateResidentScores } from '../src/residentEstimates.ts';
import { num, readCsvTable } from './csvTable.ts';

const fixture = (file: string) => fileURLToPath(new URL(`fixtures/${file}`, import.meta.url));

/** The R fixture's respondent scores, one row per (measure, respondent), as the estimator reads them. */
const fixtureRespondentScores = {
  sql: `
    SELECT measure, respondent, community, grid, grid_population, score FROM (
      SELECT respondent, community, grid, CAST(grid_population AS DOUBLE) AS grid_population,
             CAST(overall AS DOUBLE) AS overall, CAST(env AS DOUBLE) AS env,
             CAST(safety AS DOUBLE) AS safety, CAST(service AS DOUBLE) AS service
      FROM read_csv(?, header = true, all_varchar = true))
    UNPIVOT INCLUDE NULLS (score FOR measure IN (overall, env, safety, service))`,
  params: [fixture('design-respondent-scores.csv')],
};

describe('estimateResidentScores', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ path: ':memory:' });
  });
  afterAll(() => store.close());

  it('matches R survey (svyby, svymean) per community and dimension to 1e-9', async () => {
    // several communities, unequal weights, lonely grids, unknown populations, missing answers
    const expected = readCsvTable(fixture('design-expected.csv'));
    const estimates = await estimateResidentScores(store, fixtureRespondentScores);
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
    const [estimate] = await estimateResidentScores(store, {
      sql: `SELECT 'overall' AS measure, 'R1' AS respondent, 'C9' AS community, 'G1' AS grid,
                   100.0 AS grid_population, NULL::DOUBLE AS score`,
      params: [],
    });
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
    const [estimate] = await estimateResidentScores(store, {
      sql: `SELECT 'overall' AS measure, * FROM (VALUES
              ('R1', 'C1', 'G1', 300.0, 80.0), ('R2', 'C1', 'G2', NULL, 60.0), ('R3', 'C1', 'G2', NULL, 40.0))
            AS t(respondent, community, grid, grid_population, score)`,
      params: [],
    });
    const mean = (300 * 80 + 60 + 40) / 302;
    const [z1, z2] = [(60 - mean) / 302, (40 - mean) / 302];
    const zBar = (z1 + z2) / 2;
    expect(estimate!.score).toBeCloseTo(mean, 12);
    expect(estimate!.se).toBeCloseTo(Math.sqrt(2 * ((z1 - zBar) ** 2 + (z2 - zBar) ** 2)), 12);
    expect(estimate!.lonelyGrids).toBe(1);
  });
});
