import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { burdenCompliance } from '../src/burdenCompliance.ts';
import { cronbachAlpha } from '../src/cronbachAlpha.ts';
import { responseScoringOf, type ResponseScoring } from '../src/responseScoring.ts';
import { communityRatingsOfStreets, streetRatingsOfCommunities } from '../src/twoWayRatings.ts';
import { num, readCsvTable } from './csvTable.ts';
import { designFixtureStore, fixture, fixtureInstrument } from './designFixtureStore.ts';
import { instruments, ratedResponse, regionStore } from './smallRegion.ts';

describe('two-way evaluation', () => {
  let store: Store;
  beforeAll(async () => {
    store = await regionStore();
    const burden = (inspections: number, meetings: number) => ({
      burden_inspections: inspections,
      burden_meetings: meetings,
    });
    await store.responses.appendAll([
      // S1 rates C1 twice (all 4s = 75, all 5s = 100) and C2 once (all 3s = 50)
      ratedResponse(2026, 'street_to_community', { subject: 'C1', rater: 'S1' }, 4),
      ratedResponse(2026, 'street_to_community', { subject: 'C1', rater: 'S1' }, 5),
      ratedResponse(2026, 'street_to_community', { subject: 'C2', rater: 'S1' }, 3),
      // C1 rates S1 twice (100 and 50: 75 within C1), C2 once (25); C3 rates S2 (mixed items)
      ratedResponse(2026, 'community_to_street', { subject: 'S1', rater: 'C1' }, 5, burden(2, 1)),
      ratedResponse(2026, 'community_to_street', { subject: 'S1', rater: 'C1' }, 3, burden(5, 1)),
      ratedResponse(2026, 'community_to_street', { subject: 'S1', rater: 'C2' }, 2, burden(3, 4)),
      ratedResponse(
        2026,
        'community_to_street',
        { subject: 'S2', rater: 'C3' },
        (q) => (q.startsWith('sup_') ? 5 : 1),
        burden(0, 5),
      ),
    ]);
  });
  afterAll(() => store.close());

  it("rates each community by its street's raters: mean, sd/√raters, 0 for one rater", async () => {
    const ratings = await streetRatingsOfCommunities(
      store,
      2026,
      responseScoringOf(instruments.street_to_community),
    );
    const overall = ratings.filter((r) => r.measure === 'overall');
    // C1: mean(75, 100) = 87.5; sd = 17.678, /√2 = 12.5
    expect(overall).toEqual([
      { measure: 'overall', unit: 'C1', raters: 2, score: 87.5, se: expect.closeTo(12.5, 12) },
      { measure: 'overall', unit: 'C2', raters: 1, score: 50, se: 0 },
    ]);
    expect(
      ratings
        .filter((r) => r.unit === 'C1')
        .map((r) => r.measure)
        .sort(),
    ).toEqual(['govern', 'overall', 'serve', 'tasks']);
  });

  it('rates each street by its communities, averaging within a community first', async () => {
    const ratings = await communityRatingsOfStreets(
      store,
      2026,
      responseScoringOf(instruments.community_to_street),
    );
    const overall = ratings.filter((r) => r.measure === 'overall');
    // S1: C1 = mean(100, 50) = 75, C2 = 25 → 50; sd(75, 25) = 35.355, /√2 = 25.
    // S2: support 100, burden 0, conduct 0, equal dimension weights → 100/3.
    expect(overall).toEqual([
      { measure: 'overall', unit: 'S1', raters: 2, score: 50, se: expect.closeTo(25, 12) },
      { measure: 'overall', unit: 'S2', raters: 1, score: expect.closeTo(100 / 3, 12), se: 0 },
    ]);
  });

  it('counts communities over 3 inspections or 4 meetings per street', async () => {
    const burden = await burdenCompliance(store, 2026, instruments.community_to_street, {
      maxInspections: 3,
      maxMeetings: 4,
    });
    // S1: C1 reported 5 inspections once (over), C2 exactly 3 and 4 (within); S2: C3 5 meetings (over)
    expect(burden).toEqual([
      { street: 'S1', reporting: 2, over: 1, compliance: 0.5 },
      { street: 'S2', reporting: 1, over: 1, compliance: 0 },
    ]);
  });
});

describe('cronbachAlpha', () => {
  it('has no α, and no error, from a single complete response', async () => {
    const store = await regionStore();
    try {
      await store.responses.appendAll([
        ratedResponse(2026, 'resident', { subject: 'C1', grid: 'G11' }, 4),
      ]);
      const alphas = await cronbachAlpha(store, 2026, responseScoringOf(instruments.resident));
      expect(alphas.length).toBeGreaterThan(0);
      expect(alphas.every((a) => a.alpha === null)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('matches a hand computation in R (design-alpha.csv) to 1e-9', async () => {
    const store = await designFixtureStore();
    try {
      const alphas = await cronbachAlpha(store, 2026, responseScoringOf(fixtureInstrument));
      const expected = readCsvTable(fixture('design-alpha.csv'));
      expect(alphas.map((a) => [a.measure, a.items, a.n])).toEqual(
        expected.map((e) => [e.measure, num(e.items), num(e.n)]),
      );
      alphas.forEach((a, i) =>
        expect(Math.abs(a.alpha! - num(expected[i]!.alpha)!)).toBeLessThan(1e-9),
      );
    } finally {
      await store.close();
    }
  });

  it("is the definition on mixed scales (whole numbers by the spans' least common multiple) and on fractional bounds", async () => {
    // q1 on 1–7 and q2 on 0–5 beside 1–5 items (spans 6, 5, 4: whole numbers times 60/span);
    // q5 up to 5.5, a bound that is no whole number: that measure from exact sums of scores
    const rescaled: Record<string, { min: number; max: number }> = {
      q1: { min: 1, max: 7 },
      q2: { min: 0, max: 5 },
      q5: { min: 1, max: 5.5 },
    };
    const base = responseScoringOf(fixtureInstrument);
    const scoring = {
      ...base,
      measures: base.measures.map((m) => ({
        ...m,
        items: m.items.map((item) => ({ ...item, ...rescaled[item.question] })),
      })),
    };
    await expectDefinitionAlphas(scoring);
  });

  it('counts each response once in every measure, where measures share items or one holds another’s', async () => {
    // the answer patterns are grouped per distinct set of items: a measure within another, and
    // two measures of the same items, must each get exactly their own complete responses
    const base = responseScoringOf(fixtureInstrument);
    const widest = base.measures.reduce((a, b) => (b.items.length > a.items.length ? b : a));
    expect(widest.items.length).toBeGreaterThanOrEqual(3);
    const part = (code: string, count: number) => ({
      ...widest,
      code,
      items: widest.items.slice(0, count),
      positions: widest.positions.slice(0, count),
    });
    const scoring = {
      ...base,
      measures: [...base.measures, part('a_within', 2), part('b_same', 2), part('c_whole', 99)],
    };
    await expectDefinitionAlphas(scoring);
  });
});

/**
 * Expects `cronbachAlpha` on the design fixture to be the definition, computed here from the
 * fixture's answers: sample variances of the item scores over each measure's complete responses.
 */
async function expectDefinitionAlphas(scoring: ResponseScoring): Promise<void> {
  const store = await designFixtureStore();
  try {
    const alphas = await cronbachAlpha(store, 2026, scoring);
    const rows = readCsvTable(fixture('design-answers.csv'));
    const measures = [...scoring.measures].sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(alphas.map((a) => a.measure)).toEqual(measures.map((m) => m.code));
    measures.forEach((m, j) => {
      const scores = rows
        .map((r) => m.items.map((i) => num(r[i.question])))
        .filter((values) => values.every((v) => v !== null))
        .map((values) => values.map((v, i) => (100 * (v! - m.items[i]!.min)) / span(m.items[i]!)));
      const k = m.items.length;
      const itemVariances = m.items.reduce((t, _, i) => t + variance(scores.map((s) => s[i]!)), 0);
      const totals = variance(scores.map((s) => s.reduce((a, b) => a + b, 0)));
      expect(alphas[j]!.n).toBe(scores.length);
      expect(
        Math.abs(alphas[j]!.alpha! - (k / (k - 1)) * (1 - itemVariances / totals)),
      ).toBeLessThan(1e-9);
    });
  } finally {
    await store.close();
  }
}

function span(item: { min: number; max: number }): number {
  return item.max - item.min;
}

function variance(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
}
