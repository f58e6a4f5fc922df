import { measureScoreColumn, measureScores } from './measureScores.ts';
import type { ResidentSample } from './residentEstimates.ts';
import { overallMeasure, type ResponseScoring } from './responseScoring.ts';

/**
 * A year's valid resident responses as the estimator reads them: every respondent with their
 * community, grid and the grid's population in the campaign's snapshot of its units, and their
 * overall and measure scores as columns (`score_0` overall, `score_k` the k-th measure), from
 * `response_items`: one row per respondent.
 *
 * @example await estimateResidentScores(store, residentSample(2026, responseScoringOf(resident)))
 */
export function residentSample(year: number, scoring: ResponseScoring): ResidentSample {
  const scores = measureScores(year, scoring);
  const measures = [overallMeasure, ...scoring.measures.map((m) => m.code)];
  const columns = measures.map((_, k) => `s.${measureScoreColumn(k)}`).join(', ');
  return {
    respondents: {
      sql: `
  SELECT r.id AS respondent, r.subject_code AS community, r.grid_code AS grid,
         CAST(g.population AS DOUBLE) AS grid_population, ${columns}
  FROM valid_responses r
  LEFT JOIN campaign_units g ON g.year = ? AND g.code = r.grid_code AND g.level = 'grid'
  LEFT JOIN (${scores.sql}) s ON s.response_id = r.id
  WHERE r.year = ? AND r.instrument = ?`,
      params: [year, ...scores.params, year, scoring.instrument],
    },
    scores: 'columns',
    measures,
  };
}
