import type { Item } from '@manyi/domain/instrument';
import { boundedExactSum } from './exactSum.ts';
import { BoundSql, scoredItemColumn, scoredPatternsSql } from './measureScores.ts';
import type { Queryable } from './queryable.ts';
import type { ResponseScoring, ScoredMeasure } from './responseScoring.ts';

/** The internal consistency of one measure's items over the year's responses. */
export interface Reliability {
  measure: string;
  /** Items of the measure. */
  items: number;
  /** Responses answering every item of the measure (the ones α is computed on). */
  n: number;
  /** Cronbach's α; null with fewer than 2 items or 2 complete responses. */
  alpha: number | null;
}

/**
 * Cronbach's α per measure (dimension) of an instrument: α = k/(k−1)·(1 − Σ var(item)/var(sum)),
 * sample variances over the valid responses that answered all k items (listwise, complete cases),
 * 不了解 making a response incomplete.
 *
 * α is unchanged when every item of a measure is scaled by one factor and shifted by its own
 * constant, so where a measure's scales have integer bounds its items are summed as whole
 * numbers: (x − min)·L/(max − min), L the least common multiple of the scales' spans, which is
 * the score times L/100. The answers are among each question's offered values (the server
 * checks), whole numbers on such scales, so those sums are exact in DOUBLE and do not depend on
 * the order of addition, at half the cost of the exact sums of scores (10¹⁶-scaled BIGINTs)
 * that other measures take and that a sum too large to stay exact falls back to.
 *
 * @example await cronbachAlpha(store, 2026, responseScoringOf(resident)) // → [{ measure: 'env', items: 4, n: 812, alpha: 0.83 }, ...]
 */
export async function cronbachAlpha(
  db: Queryable,
  year: number,
  scoring: ResponseScoring,
): Promise<Reliability[]> {
  const measures = [...scoring.measures].sort((a, b) => (a.code < b.code ? -1 : 1));
  const whole = await reliabilities(db, year, scoring, measures, true);
  // a whole-number sum past 2⁵³ may have been rounded: every measure again, from exact sums of scores
  const reliable = whole.every((r) => r.exact)
    ? whole
    : await reliabilities(db, year, scoring, measures, false);
  return reliable.map(({ exact: _, ...r }) => r);
}

/** Largest whole-number sum a DOUBLE holds exactly. */
const exactWhole = 2 ** 53;

/**
 * L, the least common multiple of a measure's spans max − min, where every scale has integer
 * bounds and L ≤ 10⁶: (x − min)·L/(max − min) is then a whole number on every offered value.
 */
function wholeScale(m: ScoredMeasure): number | undefined {
  if (!m.items.every((i) => Number.isInteger(i.min) && Number.isInteger(i.max))) return undefined;
  const common = m.items.reduce((l, i) => lcm(l, span(i)), 1);
  return common <= 1e6 ? common : undefined;
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}

/**
 * One pass over the valid responses' items (a province's 2 million rows of response_items),
 * grouped into each measure's answer patterns (`scoredPatternsSql`: a few thousand rows); then per
 * measure, over its complete responses (the patterns answering every item), the count and the
 * sums and sums of squares of each item and of their total, each pattern counted as often as
 * responses gave it; the variances follow from those. With `wholeNumbers`, a measure with a
 * `wholeScale` L sums its items as (x − min)·L/(max − min) (plain DOUBLE sums; `exact` false if
 * one may have passed 2⁵³); the others, and all without it, sum scores (exact sums). Either way
 * the sums are those of the responses one by one, to the bit: whole numbers below 2⁵³, or
 * 128-bit integers.
 */
async function reliabilities(
  db: Queryable,
  year: number,
  scoring: ResponseScoring,
  measures: readonly ScoredMeasure[],
  wholeNumbers: boolean,
): Promise<(Reliability & { exact: boolean })[]> {
  const scales = measures.map((m) => (wholeNumbers ? wholeScale(m) : undefined));
  const factors = new Map(
    measures.flatMap((m, j) => {
      const scale = scales[j];
      return scale === undefined ? [] : m.positions.map((p, i) => [p, scale / span(m.items[i]!)]);
    }),
  );
  // the largest item: L as whole numbers, 100 as a score
  const largest = scales.map((scale) => scale ?? 100);
  // a pattern counts for a measure (in_set_j: the patterns of its items) only where it answered
  // all of them: each measure's complete items are columns of their own (NULL otherwise), summed
  // without filters
  const complete = measures.flatMap((m, j) => {
    const columns = m.positions.map(scoredItemColumn);
    const answered = columns.map((c) => `${c} IS NOT NULL`).join(' AND ');
    const when = `CASE WHEN in_set_${j} AND ${answered} THEN`;
    return [
      `${when} ${columns.join(' + ')} END AS total_${j}`,
      ...columns.map((c, i) => `${when} ${c} END AS item_${j}_${i}`),
    ];
  });
  const aggregates = measures.flatMap((m, j) => {
    const whole = scales[j] !== undefined;
    const top = largest[j]! * m.positions.length;
    // whole numbers below 2⁵³ times a count stay whole numbers below 2⁵³ (see `exact`)
    const sum = (term: string, bound: number) =>
      whole ? `sum(responses * ${term})` : boundedExactSum(term, bound, { weight: 'responses' });
    return [
      `coalesce(sum(CASE WHEN total_${j} IS NOT NULL THEN responses END), 0) AS n_${j}`,
      `${sum(`total_${j}`, top)} AS total_${j}`,
      `${sum(`total_${j} * total_${j}`, top ** 2)} AS total_squares_${j}`,
      ...m.positions.flatMap((_, i) => [
        `${sum(`item_${j}_${i}`, largest[j]!)} AS sum_${j}_${i}`,
        `${sum(`item_${j}_${i} * item_${j}_${i}`, largest[j]! ** 2)} AS squares_${j}_${i}`,
      ]),
    ];
  });
  const sql = new BoundSql();
  const patterns = scoredPatternsSql(
    sql,
    year,
    scoring,
    measures.map((m) => m.positions),
    factors,
  );
  const [sums] = await db.query<Record<string, number | bigint | null>>(
    `SELECT ${aggregates.join(',\n  ')} FROM (SELECT responses, ${complete.join(',\n    ')} FROM (${patterns}))`,
    sql.params,
  );
  return measures.map((m, j) => {
    const n = Number(sums![`n_${j}`] ?? 0);
    const k = m.positions.length;
    const exact = scales[j] === undefined || n * (largest[j]! * k) ** 2 < exactWhole;
    if (k < 2 || n < 2) return { measure: m.code, items: k, n, alpha: null, exact };
    // sample variance from the sums: (Σx² − (Σx)²/n)/(n − 1)
    const variance = (sum: string, squares: string) => {
      const s = Number(sums![sum]);
      return (Number(sums![squares]) - (s * s) / n) / (n - 1);
    };
    const itemVariance = m.positions.reduce(
      (total, _, i) => total + variance(`sum_${j}_${i}`, `squares_${j}_${i}`),
      0,
    );
    const totalVariance = variance(`total_${j}`, `total_squares_${j}`);
    return {
      measure: m.code,
      items: k,
      n,
      alpha: totalVariance > 0 ? (k / (k - 1)) * (1 - itemVariance / totalVariance) : null,
      exact,
    };
  });
}

/** An item's span max − min. */
function span(item: Item): number {
  return item.max - item.min;
}
