import { listValue } from '@duckdb/node-api';
import { itemScores } from './itemScores.ts';
import type { SqlSource } from './queryable.ts';
import { overallMeasure, type ResponseScoring } from './responseScoring.ts';

/**
 * Every valid response's measure scores and overall score, as a named query: one row per
 * (response, measure), `measure, response_id, subject_code, rater_code, grid_code, score`, with
 * measure 'overall' too and score NULL where the response answered none of the measure's items.
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
      year,
      scoring.instrument,
      listValue(scoring.measures.map((m) => m.code)),
      listValue(scoring.measures.map((m) => m.weight)),
      overallMeasure,
      overallMeasure,
    ],
  };
}

/** Measure and overall scores over the item scores of `items`. */
function responseScoresSql(items: string): string {
  return `
  WITH item_scores AS (${items}),
  responses_of_instrument AS (
    SELECT id AS response_id, subject_code, rater_code, grid_code
    FROM valid_responses
    WHERE year = ? AND instrument = ?
  ),
  measure_weight AS (
    SELECT unnest(?::VARCHAR[]) AS measure, unnest(?::DOUBLE[]) AS weight
  ),
  measure_score AS (
    SELECT response_id, measure, avg(score) AS score
    FROM item_scores
    GROUP BY response_id, measure
  ),
  overall_score AS (
    SELECT s.response_id, ?::VARCHAR AS measure, fsum(w.weight * s.score) / fsum(w.weight) AS score
    FROM measure_score s JOIN measure_weight w USING (measure)
    WHERE w.weight > 0 -- a measure of weight 0 is estimated on its own, outside the overall score
    GROUP BY s.response_id
  ),
  every_measure AS (
    SELECT measure FROM measure_weight UNION ALL SELECT ?::VARCHAR
  ),
  every_score AS (
    SELECT * FROM measure_score UNION ALL SELECT * FROM overall_score
  )
  SELECT m.measure, r.response_id, r.subject_code, r.rater_code, r.grid_code, s.score
  FROM responses_of_instrument r
  CROSS JOIN every_measure m
  LEFT JOIN every_score s ON s.response_id = r.response_id AND s.measure = m.measure`;
}
