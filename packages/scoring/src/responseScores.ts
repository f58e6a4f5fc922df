import { listValue } from '@duckdb/node-api';
import { exactSum } from './exactSum.ts';
import { itemScores } from './itemScores.ts';
import type { SqlSource } from './queryable.ts';
import { overallMeasure, type ResponseScoring } from './responseScoring.ts';

/**
 * Every response's measure scores and overall score (valid or not: see `itemScores`), as a
 * named query: one row per (response, measure) the response has a score for,
 * `measure, response_id, score`, measure 'overall' included; a response that answered none of a
 * measure's items has no row for it.
 * A measure's score is the mean of its answered items; the overall score is the weighted mean of
 * the answered measures, weights renormalized over them (PRODUCT.md, "Scoring").
 *
 * @example responseScores(2026, responseScoringOf(resident)) // a CTE body for larger queries
 */
export function responseScores(year: number, scoring: ResponseScoring): SqlSource {
  const items = itemScores(year, scoring);
  return {
    sql: responseScoresSql(items.sql),
    params: [
      ...items.params,
      listValue(scoring.measures.map((m) => m.code)),
      listValue(scoring.measures.map((m) => m.weight)),
      overallMeasure,
    ],
  };
}

/** Measure and overall scores over the item scores of `items`. */
function responseScoresSql(items: string): string {
  return `
  WITH item_scores AS (${items}),
  measure_weight AS (
    SELECT unnest(?::VARCHAR[]) AS measure, unnest(?::DOUBLE[]) AS weight
  ),
  measure_score AS (
    SELECT measure, response_id, ${exactSum('score')} / count(*) AS score
    FROM item_scores
    GROUP BY response_id, measure
  ),
  overall_score AS (
    SELECT ?::VARCHAR AS measure, s.response_id,
           ${exactSum('w.weight * s.score')} / ${exactSum('w.weight')} AS score
    FROM measure_score s JOIN measure_weight w USING (measure)
    WHERE w.weight > 0 -- a measure of weight 0 is estimated on its own, outside the overall score
    GROUP BY s.response_id
  )
  SELECT * FROM measure_score
  UNION ALL
  SELECT * FROM overall_score`;
}
