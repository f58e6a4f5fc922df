import type { DuckDBValue } from '@duckdb/node-api';
import type { Item } from '@manyi/domain/instrument';
import { itemColumn } from '@manyi/store/responseItemColumns';
import type { SqlSource } from './queryable.ts';
import type { ResponseScoring } from './responseScoring.ts';

/**
 * SQL written together with the values it binds: each `bind` returns a placeholder and keeps
 * its value in the same order, so that generated SQL and its parameters cannot drift apart.
 */
export class BoundSql {
  readonly params: DuckDBValue[] = [];

  /** A `?` for `value`. */
  bind(value: DuckDBValue): string {
    this.params.push(value);
    return '?';
  }
}

/** The column of `scoredItems` holding the score of the item at `position` (1-based). */
export function scoredItemColumn(position: number): string {
  return `i${itemColumn(position).slice(1)}`;
}

/** The column of `measureScores` holding the score of measure `k` (0 = overall, k = measures[k − 1]). */
export function measureScoreColumn(k: number): string {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`no measure score column ${k}`);
  return `score_${k}`;
}

/**
 * The item scores of a year's responses to one instrument, one row per response, from
 * `response_items`: `response_id, subject_code, grid_code` and, for each item position a measure uses, its score
 * 100·(x−min)/(max−min) (`scoredItemColumn(p)`); NULL where the item is unanswered, 不了解/不适用
 * (its `notApplicable` values), or off its scale. Every stored response, valid or not, unless
 * `validOnly`: consumers that join valid respondents anyway keep the ones they need. With
 * `factors`, an item at a position listed there is (x−min)·factor instead of its score.
 */
export function scoredItemsSql(
  sql: BoundSql,
  year: number,
  scoring: ResponseScoring,
  options: { validOnly?: boolean; factors?: ReadonlyMap<number, number> } = {},
): string {
  const columns = itemScoresSql(sql, scoring, options.factors);
  // the valid ones through the view of valid_responses' rule: no join back to the responses
  const table = options.validOnly ? 'valid_response_items' : 'response_items';
  return `SELECT response_id, subject_code, grid_code, ${columns} FROM ${table}
    WHERE year = ${sql.bind(year)} AND instrument = ${sql.bind(scoring.instrument)}`;
}

/**
 * The answer patterns of a year's valid responses to one instrument: for each set of item
 * positions in `sets` (a measure's items, say), every combination of raw answers to them that
 * occurs, one row each, with `responses` (how many gave it), `in_set_k` (true on the rows of
 * sets[k]; sets of the same items share their rows, grouped once) and the item scores of
 * `scoredItemsSql` (`scoredItemColumn(p)`, NULL for an item outside the row's set). Sums over
 * responses are sums over patterns weighted by `responses`: a province's 2 million rows become a
 * few thousand (a measure of four 5-point items has at most 6⁴ patterns, unanswered included),
 * grouped in one scan, the items scored on the patterns. Every position of `scoring`'s measures
 * must be in some set.
 *
 * @example scoredPatternsSql(sql, 2026, scoring, [[1, 2, 3, 4], [5, 6, 7]]) // SELECT responses, in_set_0, in_set_1, i1, … FROM …
 */
export function scoredPatternsSql(
  sql: BoundSql,
  year: number,
  scoring: ResponseScoring,
  sets: readonly (readonly number[])[],
  factors?: ReadonlyMap<number, number>,
): string {
  const scores = itemScoresSql(sql, scoring, factors);
  const itemSets = sets.map((set) => [...new Set(set)].sort((a, b) => a - b));
  // one grouping set per distinct set of items: one listed twice would count its rows twice
  const grouped = [...new Map(itemSets.map((set) => [set.join(), set])).values()];
  const positions = [...new Set(itemSets.flat())].sort((a, b) => a - b);
  const columns = (set: readonly number[]) => set.map(itemColumn).join(', ');
  // GROUPING(columns) has a bit per column, 1 where the row's set leaves it out
  const inSets = itemSets.map((set, k) => {
    const others = positions.filter((p) => !set.includes(p));
    const rest = others.length
      ? ` AND GROUPING(${columns(others)}) = ${2n ** BigInt(others.length) - 1n}`
      : '';
    return `GROUPING(${columns(set)}) = 0${rest} AS in_set_${k}`;
  });
  return `SELECT responses, ${sets.map((_, k) => `in_set_${k}`).join(', ')}, ${scores} FROM (
    SELECT ${columns(positions)}, count(*) AS responses, ${inSets.join(', ')}
    FROM valid_response_items
    WHERE year = ${sql.bind(year)} AND instrument = ${sql.bind(scoring.instrument)}
    GROUP BY GROUPING SETS (${grouped.map((set) => `(${columns(set)})`).join(', ')}))`;
}

/** The score columns of every item `scoring`'s measures use, in position order (see `scoredItemsSql`). */
function itemScoresSql(
  sql: BoundSql,
  scoring: ResponseScoring,
  factors?: ReadonlyMap<number, number>,
): string {
  const items = new Map<number, Item>();
  for (const m of scoring.measures) m.positions.forEach((p, i) => items.set(p, m.items[i]!));
  return [...items]
    .sort(([a], [b]) => a - b)
    .map(([p, item]) => itemScoreSql(sql, p, item, factors?.get(p)))
    .join(', ');
}

/** One item's score (or (x−min)·factor) from its raw column, its bounds and 不了解 values bound. */
function itemScoreSql(sql: BoundSql, position: number, item: Item, factor?: number): string {
  const v = itemColumn(position);
  const lo = sql.bind(item.min);
  const hi = sql.bind(item.max);
  // a 不了解 value off the scale is left out by the bounds already
  const notApplicable = item.notApplicable.filter(
    (x): x is number => typeof x === 'number' && x >= item.min && x <= item.max,
  );
  const applicable = notApplicable.length
    ? ` AND ${v} NOT IN (${notApplicable.map((x) => `${sql.bind(x)}::DOUBLE`).join(', ')})`
    : '';
  const value =
    factor === undefined
      ? `100 * (${v} - ${sql.bind(item.min)}::DOUBLE) / (${sql.bind(item.max)}::DOUBLE - ${sql.bind(item.min)}::DOUBLE)`
      : `(${v} - ${sql.bind(item.min)}::DOUBLE) * ${sql.bind(factor)}::DOUBLE`;
  return `CASE WHEN ${v} BETWEEN ${lo}::DOUBLE AND ${hi}::DOUBLE${applicable}
    THEN ${value} END AS ${scoredItemColumn(position)}`;
}

/**
 * Every response's measure and overall scores, one row per response (valid or not, see
 * `scoredItemsSql`): `response_id, subject_code, grid_code`, `score_0` the overall score, `score_k` the score of
 * `scoring.measures[k − 1]` (`measureScoreColumn`), NULL where the response answered none of the
 * measure's items. A measure's score is the mean of its answered items; the overall score is the
 * weighted mean of the answered measures of weight > 0, weights renormalized over them
 * (PRODUCT.md, "Scoring"); a measure of weight 0 is estimated on its own, outside it. The terms
 * are added in a fixed order, so the same answers give the same bits.
 *
 * @example measureScores(2026, responseScoringOf(resident)) // a CTE body for larger queries
 */
export function measureScores(
  year: number,
  scoring: ResponseScoring,
  options: { validOnly?: boolean } = {},
): SqlSource {
  // placeholders are bound in the order they stand in the text: the overall's weights, then the items
  const sql = new BoundSql();
  const measures = scoring.measures.map((m, k) => {
    const columns = m.positions.map(scoredItemColumn);
    return `(${columns.map((c) => `coalesce(${c}, 0)`).join(' + ')})
      / nullif(${columns.map((c) => `(${c} IS NOT NULL)::INTEGER`).join(' + ')}, 0) AS ${measureScoreColumn(k + 1)}`;
  });
  const weighted = scoring.measures.flatMap((m, k) =>
    m.weight > 0 ? [{ weight: m.weight, column: measureScoreColumn(k + 1) }] : [],
  );
  const overall = weighted.length
    ? `(${weighted.map((w) => `${sql.bind(w.weight)}::DOUBLE * coalesce(${w.column}, 0)`).join(' + ')})
      / nullif(${weighted.map((w) => `${sql.bind(w.weight)}::DOUBLE * (${w.column} IS NOT NULL)::INTEGER`).join(' + ')}, 0)`
    : 'NULL::DOUBLE';
  const columns = scoring.measures.map((_, k) => measureScoreColumn(k + 1));
  const items = scoredItemsSql(sql, year, scoring, options);
  return {
    sql: `SELECT response_id, subject_code, grid_code, ${overall} AS ${measureScoreColumn(0)}, ${columns.join(', ')}
      FROM (SELECT response_id, subject_code, grid_code, ${measures.join(',\n        ')} FROM (${items}))`,
    params: sql.params,
  };
}
