import type { ResidentSample } from './residentEstimates.ts';
import { overallMeasure } from './responseScoring.ts';

/** The columns a respondent-level scores file must have (the format of reference/resident-scores.csv). */
export const residentSampleColumns = [
  'respondent',
  'community',
  'grid',
  'grid_population',
  'score',
] as const;

/**
 * A resident sample read from a CSV file, for data a third-party survey firm (第三方评估) delivers
 * at respondent level: one row per respondent with `respondent, community, grid,
 * grid_population, score` (an empty score is a respondent without one, still counted in its
 * grid; an empty population an unknown one). Other columns, such as a `weight` the firm
 * computed, are ignored: weights always derive from grid populations, as for stored responses.
 *
 * @example await estimateResidentScores(store, residentSampleFromCsv('/data/firm-2026.csv'))
 */
export function residentSampleFromCsv(path: string): ResidentSample {
  return {
    respondents: { sql: respondentsFromCsvSql, params: [path] },
    scores: { sql: scoresFromCsvSql, params: [overallMeasure, path] },
    measures: [overallMeasure],
  };
}

const respondentsFromCsvSql = `
  SELECT respondent, community, grid, CAST(grid_population AS DOUBLE) AS grid_population
  FROM read_csv(?, header = true, all_varchar = true)`;

const scoresFromCsvSql = `
  SELECT ?::VARCHAR AS measure, respondent, CAST(score AS DOUBLE) AS score
  FROM read_csv(?, header = true, all_varchar = true)
  WHERE score IS NOT NULL`;
