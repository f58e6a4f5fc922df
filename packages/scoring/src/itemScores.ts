import { listValue } from '@duckdb/node-api';
import type { SqlSource } from './queryable.ts';
import type { ResponseScoring } from './responseScoring.ts';

/**
 * The item scores of a year's responses to one instrument, as a named query: one row per
 * answered, scored item, `response_id, measure, question, score`, score = 100·(x−min)/(max−min).
 * Every stored response is scored: consumers keep the valid ones where scores meet responses
 * (the estimator's respondents, `valid_responses` joins), which is far cheaper on a province's
 * tens of millions of answers than filtering each answer. 不了解/不适用 (an item's `notApplicable` values, and any
 * answer that is not a number on the item's scale) gives no row: the item is missing.
 *
 * @example itemScores(2026, responseScoringOf(resident)) // a CTE body for larger queries
 */
export function itemScores(year: number, scoring: ResponseScoring): SqlSource {
  const items = scoring.measures.flatMap((m) => m.items.map((item) => ({ measure: m.code, item })));
  return {
    sql: itemScoresSql,
    params: [
      listValue(items.map((i) => i.measure)),
      listValue(items.map((i) => i.item.question)),
      listValue(items.map((i) => i.item.min)),
      listValue(items.map((i) => i.item.max)),
      // each item's numeric 不了解/不适用 values, as JSON: DuckDB cannot bind an empty list without
      // a declared type, and most items have none
      JSON.stringify(
        items.map(({ item }) =>
          item.notApplicable.filter((v): v is number => typeof v === 'number'),
        ),
      ),
      year,
      scoring.instrument,
    ],
  };
}

// The 不了解 values are a list on each item, checked with list_contains: an anti-join against a
// table of them cost more than the rest of the item scoring on a province's answers.
const itemScoresSql = `
  WITH measure_item AS (
    SELECT unnest(?::VARCHAR[]) AS measure, unnest(?::VARCHAR[]) AS question,
           unnest(?::DOUBLE[]) AS lo, unnest(?::DOUBLE[]) AS hi,
           unnest(CAST(?::JSON AS DOUBLE[][])) AS not_applicable
  )
  SELECT a.response_id, m.measure, a.question, 100 * (a.value - m.lo) / (m.hi - m.lo) AS score
  FROM answers a
  JOIN measure_item m ON m.question = a.question
  WHERE a.year = ? AND a.instrument = ? AND a.value BETWEEN m.lo AND m.hi
    AND NOT list_contains(m.not_applicable, a.value)`;
