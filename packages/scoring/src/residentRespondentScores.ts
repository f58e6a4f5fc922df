import type { SqlSource } from './queryable.ts';
import { responseScores } from './responseScores.ts';
import type { ResponseScoring } from './responseScoring.ts';

/**
 * A year's resident respondents with their scores, in the shape `estimateResidentScores` reads:
 * `measure, respondent, community, grid, grid_population, score`, one row per valid resident
 * response and measure. Grid populations come from the campaign's snapshot of its units.
 *
 * @example await estimateResidentScores(store, residentRespondentScores(2026, responseScoringOf(resident)))
 */
export function residentRespondentScores(year: number, scoring: ResponseScoring): SqlSource {
  const scores = responseScores(year, scoring);
  return { sql: residentRespondentScoresSql(scores.sql), params: [...scores.params, year] };
}

/** The estimator's columns over response scores. */
function residentRespondentScoresSql(scores: string): string {
  return `
  WITH response_scores AS (${scores}),
  grid_snapshot AS (
    SELECT code, population FROM campaign_units WHERE year = ? AND level = 'grid'
  )
  SELECT s.measure, s.response_id AS respondent, s.subject_code AS community, s.grid_code AS grid,
         CAST(g.population AS DOUBLE) AS grid_population, s.score
  FROM response_scores s LEFT JOIN grid_snapshot g ON g.code = s.grid_code`;
}
