import { maxScoredItems } from '@manyi/domain/instrument';

/**
 * The column of `response_items` holding the answer to an instrument's item at `position`
 * (1-based, the order of the instrument's `items`): v1 … v64. Analysis SQL names these columns;
 * they are the table's own identifiers, never values.
 *
 * @example itemColumn(3) // → 'v3'
 */
export function itemColumn(position: number): string {
  if (!Number.isInteger(position) || position < 1 || position > maxScoredItems)
    throw new RangeError(`no item column at position ${position} (1–${maxScoredItems})`);
  return `v${position}`;
}

/** Every item column, in table order. */
export const itemColumns: readonly string[] = Array.from({ length: maxScoredItems }, (_, i) =>
  itemColumn(i + 1),
);

/**
 * `response_items` rows computed from the long answers (every stored response, one row each, in
 * table order): how the migration that made the table filled it, and what the group commit's rows
 * must equal. A question bound by two items fills both columns.
 */
export const responseItemsOfAnswersSql = `
  WITH instrument_item AS (
    SELECT year, name AS instrument, unnest(questions) AS question,
           unnest(range(1, len(questions) + 1)) AS position
    FROM (SELECT year, name, json_extract_string(definition, '$.items[*].question') AS questions
          FROM instruments)
  )
  SELECT r.id AS response_id, r.year, r.instrument, r.subject_code, r.grid_code,
         count(i.position)::INTEGER AS answered,
         ${itemColumns.map((column, k) => `max(a.value) FILTER (WHERE i.position = ${k + 1}) AS ${column}`).join(',\n         ')}
  FROM responses r
  LEFT JOIN answers a ON a.response_id = r.id
  LEFT JOIN instrument_item i
    ON i.year = a.year AND i.instrument = a.instrument AND i.question = a.question
  GROUP BY r.id, r.year, r.instrument, r.subject_code, r.grid_code`;
