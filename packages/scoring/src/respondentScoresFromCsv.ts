import type { SqlSource } from './queryable.ts';

/** The columns a respondent-level scores file must have (the format of reference/resident-scores.csv). */
export const respondentScoreColumns = [
  'respondent',
  'community',
  'grid',
  'grid_population',
  'score',
] as const;

/**
 * Respondent scores read from a CSV file, for data a third-party survey firm (第三方评估) delivers
 * at respondent level: one row per respondent with `respondent, community, grid,
 * grid_population, score` (an empty score is a respondent without one; an empty population an
 * unknown one). Other columns, such as a `weight` the firm computed, are ignored: weights are
 * always derived from grid populations, as for stored responses.
 *
 * @example await estimateResidentScores(store, respondentScoresFromCsv('/data/firm-2026.csv'))
 */
export function respondentScoresFromCsv(path: string): SqlSource {
  return { sql: respondentScoresFromCsvSql, params: [path] };
}

const respondentScoresFromCsvSql = `
  SELECT 'overall' AS measure, respondent, community, grid,
         CAST(grid_population AS DOUBLE) AS grid_population, CAST(score AS DOUBLE) AS score
  FROM read_csv(?, header = true, all_varchar = true)`;
