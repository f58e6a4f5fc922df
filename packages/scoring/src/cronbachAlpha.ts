import { boundedExactSum } from './exactSum.ts';
import { BoundSql, scoredItemColumn, scoredItemsSql } from './measureScores.ts';
import type { Queryable } from './queryable.ts';
import type { ResponseScoring } from './responseScoring.ts';

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
 * sample variances (from exact sums) over the valid responses that answered all k items
 * (listwise, complete cases), 不了解 making a response incomplete.
 *
 * @example await cronbachAlpha(store, 2026, responseScoringOf(resident)) // → [{ measure: 'env', items: 4, n: 812, alpha: 0.83 }, ...]
 */
export async function cronbachAlpha(
  db: Queryable,
  year: number,
  scoring: ResponseScoring,
): Promise<Reliability[]> {
  // one pass over the valid responses' scored items (a province's 2 million rows of
  // response_items): per measure, over its complete responses, the count and the exact sums and
  // sums of squares of each item's score and of their total; the variances follow from those
  const measures = [...scoring.measures].sort((a, b) => (a.code < b.code ? -1 : 1));
  // a response's item scores count for a measure only where it answered all of them: each
  // measure's complete scores are columns of their own (NULL otherwise), summed without filters
  const complete = measures.flatMap((m, j) => {
    const columns = m.positions.map(scoredItemColumn);
    const when = `CASE WHEN ${columns.map((c) => `${c} IS NOT NULL`).join(' AND ')} THEN`;
    return [
      `${when} ${columns.join(' + ')} END AS total_${j}`,
      ...columns.map((c, i) => `${when} ${c} END AS item_${j}_${i}`),
    ];
  });
  // scores are 0–100, so a measure's total is at most 100 per item
  const aggregates = measures.flatMap((m, j) => [
    `count(total_${j}) AS n_${j}`,
    `${boundedExactSum(`total_${j}`, 100 * m.positions.length)} AS total_${j}`,
    `${boundedExactSum(`total_${j} ^ 2`, (100 * m.positions.length) ** 2)} AS total_squares_${j}`,
    ...m.positions.flatMap((_, i) => [
      `${boundedExactSum(`item_${j}_${i}`, 100)} AS sum_${j}_${i}`,
      `${boundedExactSum(`item_${j}_${i} ^ 2`, 100 ** 2)} AS squares_${j}_${i}`,
    ]),
  ]);
  const sql = new BoundSql();
  const items = scoredItemsSql(sql, year, scoring, { validOnly: true });
  const [sums] = await db.query<Record<string, number | bigint | null>>(
    `SELECT ${aggregates.join(',\n  ')} FROM (SELECT ${complete.join(',\n    ')} FROM (${items}))`,
    sql.params,
  );
  return measures.map((m, j) => {
    const n = Number(sums![`n_${j}`] ?? 0);
    const k = m.positions.length;
    if (k < 2 || n < 2) return { measure: m.code, items: k, n, alpha: null };
    // sample variance from exact sums: (Σx² − (Σx)²/n)/(n − 1)
    const variance = (sum: string, squares: string) => {
      const s = sums![sum] as number;
      return ((sums![squares] as number) - (s * s) / n) / (n - 1);
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
    };
  });
}
