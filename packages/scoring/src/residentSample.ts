import { measureScoreColumn, measureScores } from './measureScores.ts';
import type { ResidentSample } from './residentEstimates.ts';
import { overallMeasure, type ResponseScoring } from './responseScoring.ts';

/**
 * A year's valid resident responses as the estimator reads them: every respondent with their
 * community, grid and the grid's population in the campaign's snapshot of its units, and their
 * overall and measure scores as columns (`score_0` overall, `score_k` the k-th measure), from
 * `valid_response_items`: one row per respondent, no join of millions of rows.
 *
 * @example await estimateResidentScores(store, residentSample(2026, responseScoringOf(resident)))
 */
export function residentSample(year: number, scoring: ResponseScoring): ResidentSample {
  const scores = measureScores(year, scoring, { validOnly: true });
  const measures = [overallMeasure, ...scoring.measures.map((m) => m.code)];
  const columns = measures.map((_, k) => `s.${measureScoreColumn(k)}`).join(', ');
  return {
    respondents: {
      sql: `
  SELECT s.response_id AS respondent, s.subject_code AS community, s.grid_code AS grid,
         CAST(g.population AS DOUBLE) AS grid_population, ${columns}
  FROM (${scores.sql}) s
  LEFT JOIN campaign_units g ON g.year = ? AND g.code = s.grid_code AND g.level = 'grid'`,
      params: [...scores.params, year],
    },
    scores: 'columns',
    measures,
  };
}
