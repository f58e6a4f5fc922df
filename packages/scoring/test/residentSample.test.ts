import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { estimateResidentScores } from '../src/residentEstimates.ts';
import { residentSample } from '../src/residentSample.ts';
import { responseScores } from '../src/responseScores.ts';
import { responseScoringOf } from '../src/responseScoring.ts';
import { num, readCsvTable } from './csvTable.ts';
import { designFixtureStore, fixture, fixtureInstrument } from './designFixtureStore.ts';

describe('residentSample', () => {
  let store: Store;
  beforeAll(async () => {
    store = await designFixtureStore();
  });
  afterAll(() => store.close());

  it('scores respondents from stored answers as the R fixture does', async () => {
    const expected = readCsvTable(fixture('design-respondent-scores.csv'));
    const scores = responseScores(2026, responseScoringOf(fixtureInstrument));
    const rows = await store.query<{ measure: string; respondent: string; score: number }>(
      `WITH s AS (${scores.sql})
       SELECT s.measure, r.client_id AS respondent, s.score FROM s JOIN responses r ON r.id = s.response_id`,
      scores.params,
    );
    const byKey = new Map(rows.map((r) => [`${r.measure}/${r.respondent}`, r.score]));
    let present = 0;
    for (const want of expected)
      for (const measure of ['overall', 'env', 'safety', 'service']) {
        const got = byKey.get(`${measure}/${want.respondent}`);
        if (num(want[measure]) === null) expect(got).toBeUndefined();
        else expect(Math.abs(got! - num(want[measure])!)).toBeLessThan(1e-12);
        if (num(want[measure]) !== null) present++;
      }
    expect(rows).toHaveLength(present);
  });

  it('feeds the estimator to R parity per community and dimension (1e-9)', async () => {
    const expected = readCsvTable(fixture('design-expected.csv'));
    const estimates = await estimateResidentScores(
      store,
      residentSample(2026, responseScoringOf(fixtureInstrument)),
    );
    expect(estimates).toHaveLength(expected.length);
    for (const want of expected) {
      const got = estimates.find(
        (e) => e.measure === want.measure && e.community === want.community,
      )!;
      expect(got.n).toBe(num(want.n));
      for (const [key, column] of [
        ['score', 'score'],
        ['se', 'se'],
        ['satisfiedRate', 'satisfied_rate'],
        ['satisfiedSe', 'satisfied_se'],
      ] as const)
        expect(Math.abs(got[key]! - num(want[column])!)).toBeLessThan(1e-9);
    }
  });

  it('gives the same estimates from score rows as from score columns', async () => {
    const scoring = responseScoringOf(fixtureInstrument);
    const wide = residentSample(2026, scoring);
    const scores = responseScores(2026, scoring);
    const long = {
      respondents: {
        sql: `SELECT respondent, community, grid, grid_population FROM (${wide.respondents.sql})`,
        params: wide.respondents.params,
      },
      scores: {
        sql: `SELECT measure, response_id AS respondent, score FROM (${scores.sql})`,
        params: scores.params,
      },
      measures: wide.measures,
    };
    const [fromColumns, fromRows] = [
      await estimateResidentScores(store, wide, { satisfiedAt: 60 }),
      await estimateResidentScores(store, long, { satisfiedAt: 60 }),
    ];
    expect(fromColumns.length).toBeGreaterThan(0);
    expect(fromColumns.map((e) => [e.measure, e.community, e.n, e.lonelyGrids])).toEqual(
      fromRows.map((e) => [e.measure, e.community, e.n, e.lonelyGrids]),
    );
    fromColumns.forEach((e, i) => {
      for (const key of ['score', 'se', 'satisfiedRate', 'satisfiedSe', 'weightTotal'] as const)
        expect(Math.abs(e[key]! - fromRows[i]![key]!)).toBeLessThan(1e-9);
    });
  });

  it("binds a framework's own measures: a dimension and a single question", async () => {
    const scoring = responseScoringOf(fixtureInstrument, [
      { dimension: 'env', weight: 3 },
      { question: 'q8', weight: 1 },
    ]);
    expect(scoring.measures.map((m) => [m.code, m.items.length])).toEqual([
      ['env', 3],
      ['q8', 1],
    ]);
    const estimates = await estimateResidentScores(store, residentSample(2026, scoring));
    expect(new Set(estimates.map((e) => e.measure))).toEqual(new Set(['overall', 'env', 'q8']));
    expect(() => responseScoringOf(fixtureInstrument, [{ question: 'q99', weight: 1 }])).toThrow(
      /没有可计分的题目 q99 .* no scored item for q99/,
    );
  });
});
