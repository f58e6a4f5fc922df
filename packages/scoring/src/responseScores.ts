import { BoundSql, measureScoreColumn, measureScores } from './measureScores.ts';
import type { SqlSource } from './queryable.ts';
import { overallMeasure, type ResponseScoring } from './responseScoring.ts';

/**
 * Every response's measure scores and overall score (valid or not: see `measureScores`), long,
 * as a named query: one row per (response, measure) the response has a score for,
 * `measure, response_id, score`, measure 'overall' included; a response that answered none of a
 * measure's items has no row for it.
 *
 * @example responseScores(2026, responseScoringOf(communityToStreet)) // a CTE body for larger queries
 */
export function responseScores(year: number, scoring: ResponseScoring): SqlSource {
  const wide = measureScores(year, scoring);
  const sql = new BoundSql();
  const codes = [overallMeasure, ...scoring.measures.map((m) => m.code)];
  const parts = codes.map((code, k) => {
    const column = measureScoreColumn(k);
    return `SELECT ${sql.bind(code)}::VARCHAR AS measure, response_id, ${column} AS score
      FROM scores WHERE ${column} IS NOT NULL`;
  });
  return {
    sql: `WITH scores AS MATERIALIZED (${wide.sql}) ${parts.join('\n  UNION ALL ')}`,
    params: [...wide.params, ...sql.params],
  };
}
