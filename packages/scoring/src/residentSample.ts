import type { ResidentSample } from './residentEstimates.ts';
import { responseScores } from './responseScores.ts';
import { overallMeasure, type ResponseScoring } from './responseScoring.ts';

/**
 * A year's valid resident responses as the estimator reads them: every respondent with their
 * community, grid and the grid's population in the campaign's snapshot of its units, and their
 * measure and overall scores.
 *
 * @example await estimateResidentScores(store, residentSample(2026, responseScoringOf(resident)))
 */
export function residentSample(year: number, scoring: ResponseScoring): ResidentSample {
  const scores = responseScores(year, scoring);
  return {
    respondents: { sql: residentRespondentsSql, params: [year, year, scoring.instrument] },
    scores: {
      sql: `SELECT measure, response_id AS respondent, score FROM (${scores.sql})`,
      params: scores.params,
    },
    measures: [overallMeasure, ...scoring.measures.map((m) => m.code)],
  };
}

const residentRespondentsSql = `
  SELECT r.id AS respondent, r.subject_code AS community, r.grid_code AS grid,
         CAST(g.population AS DOUBLE) AS grid_population
  FROM valid_responses r
  LEFT JOIN campaign_units g ON g.year = ? AND g.code = r.grid_code AND g.level = 'grid'
  WHERE r.year = ? AND r.instrument = ?`;
