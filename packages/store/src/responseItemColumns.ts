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
 * `response_items` rows computed from the long answers (every stored response, or those `where`
 * keeps: SQL over a table alias with `year` and `instrument`, applied to the responses and their
 * answers alike; one row each, in table order). With `figures`, each instrument's figures'
 * answers follow its items' (`wideQuestions`): what the group commit writes since migration 8,
 * and what its rows must equal. Without, its items' alone, as migration 7 filled the table. A
 * question bound twice fills both columns; `answered` counts the items.
 */
export function responseItemsOfAnswers(options: {
  figures: boolean;
  where?: (alias: string) => string;
}): string {
  // figures by name, as wideQuestions orders them
  const figures = options.figures
    ? ` || list_transform(list_sort(coalesce(json_keys(definition, '$.figures'), [])),
             lambda k: json_extract_string(json_extract(definition, '$.figures'), k))`
    : '';
  return `
  WITH instrument_item AS (
    SELECT year, name AS instrument, unnest(questions) AS question,
           unnest(range(1, len(questions) + 1)) AS position, items
    FROM (SELECT year, name, len(items) AS items, items${figures} AS questions
          FROM (SELECT year, name, definition,
                       json_extract_string(definition, '$.items[*].question') AS items
                FROM instruments))
  )
  SELECT r.id AS response_id, r.year, r.instrument, r.subject_code, r.grid_code,
         count(i.position) FILTER (WHERE i.position <= i.items)::INTEGER AS answered,
         ${itemColumns.map((column, k) => `max(a.value) FILTER (WHERE i.position = ${k + 1}) AS ${column}`).join(',\n         ')}
  FROM responses r
  LEFT JOIN answers a ON a.response_id = r.id${options.where ? ` AND ${options.where('a')}` : ''}
  LEFT JOIN instrument_item i
    ON i.year = a.year AND i.instrument = a.instrument AND i.question = a.question
  ${options.where ? `WHERE ${options.where('r')}` : ''}
  GROUP BY r.id, r.year, r.instrument, r.subject_code, r.grid_code`;
}

/** `responseItemsOfAnswers` of every stored response, figures included: the rows as written now. */
export const responseItemsOfAnswersSql = responseItemsOfAnswers({ figures: true });
