import { listValue } from '@duckdb/node-api';
import { exactSum } from './exactSum.ts';
import { itemScores } from './itemScores.ts';
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
 * sample variances (two-pass, exact sums) over the responses that answered all k items
 * (listwise, complete cases), 不了解 making a response incomplete.
 *
 * @example await cronbachAlpha(store, 2026, responseScoringOf(resident)) // → [{ measure: 'env', items: 4, n: 812, alpha: 0.83 }, ...]
 */
export async function cronbachAlpha(
  db: Queryable,
  year: number,
  scoring: ResponseScoring,
): Promise<Reliability[]> {
  // one measure per query: α of a measure uses no other, and a province's responses × measures
  // grouped at once held several GB (one measure's ~2 million groups are a fifth of that)
  const reliability: Reliability[] = [];
  for (const measure of [...scoring.measures].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const items = itemScores(year, { instrument: scoring.instrument, measures: [measure] });
    const rows = await db.query<{
      measure: string;
      items: number;
      n: bigint | null;
      alpha: number | null;
    }>(cronbachAlphaSql(items.sql), [
      ...items.params,
      listValue([measure.code]),
      listValue([measure.items.length]),
      year,
      scoring.instrument,
    ]);
    reliability.push(...rows.map((r) => ({ ...r, n: Number(r.n ?? 0) })));
  }
  return reliability;
}

/** α per measure over item scores. */
function cronbachAlphaSql(items: string): string {
  return `
  WITH item_scores AS (${items}),
  measure_size AS (
    SELECT unnest(?::VARCHAR[]) AS measure, unnest(?::INTEGER[]) AS items
  ),
  response_items AS (
    -- each response's answered items of a measure, kept as a list so that the complete ones can be
    -- taken apart again without joining tens of millions of item rows back
    SELECT response_id, measure, count(*) AS answered, ${exactSum('score')} AS total,
           list({ 'question': question, 'score': score }) AS answers
    FROM item_scores
    GROUP BY response_id, measure
  ),
  complete_response AS (
    SELECT r.response_id, r.measure, r.total, r.answers
    FROM response_items r JOIN measure_size m USING (measure)
    WHERE r.answered = m.items -- one answer per question and response
      AND r.response_id IN (SELECT id FROM valid_responses WHERE year = ? AND instrument = ?)
  ),
  complete_item AS (
    SELECT measure, unnest(answers, recursive := true) FROM complete_response
  ),
  item_mean AS (
    SELECT measure, question, count(*) AS n, ${exactSum('score')} / count(*) AS mean
    FROM complete_item
    GROUP BY measure, question
  ),
  item_variance AS (
    -- no variance from a single complete response (NULL, not 0/0: NaN cannot be summed exactly)
    SELECT i.measure, ${exactSum('(i.score - m.mean) ^ 2 / nullif(m.n - 1, 0)')} AS variance
    FROM complete_item i JOIN item_mean m USING (measure, question)
    GROUP BY i.measure
  ),
  total_mean AS (
    SELECT measure, count(*) AS n, ${exactSum('total')} / count(*) AS mean
    FROM complete_response
    GROUP BY measure
  ),
  total_variance AS (
    SELECT t.measure, m.n, ${exactSum('(t.total - m.mean) ^ 2')} / nullif(m.n - 1, 0) AS variance
    FROM complete_response t JOIN total_mean m USING (measure)
    GROUP BY t.measure, m.n, m.mean
  )
  SELECT m.measure, m.items, t.n,
         CASE WHEN m.items > 1 AND t.n > 1 AND t.variance > 0
              THEN m.items / (m.items - 1) * (1 - i.variance / t.variance) END AS alpha
  FROM measure_size m
  LEFT JOIN total_variance t USING (measure)
  LEFT JOIN item_variance i USING (measure)
  ORDER BY m.measure`;
}
