import { DuckDBListValue, DuckDBTimestampTZValue, type DuckDBValue } from '@duckdb/node-api';

/**
 * The statement as PostgreSQL takes it: DuckDB's `?` placeholders numbered `$1, $2 …` in order
 * (`$n` ones are left as they are; the two kinds are not mixed in one statement). Quoted text,
 * quoted names and comments are copied untouched.
 *
 * @example toPgSql("SELECT 1 WHERE a = ? AND b = '?'") // → "SELECT 1 WHERE a = $1 AND b = '?'"
 */
export function toPgSql(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') out += `$${++n}`;
    else out += c;
  }
  return out;
}

/** A bound value as the pg client takes it: DuckDB's list and timestamp values unwrapped. */
export function toPgParam(value: DuckDBValue): unknown {
  if (value instanceof DuckDBListValue) return value.items.map(toPgParam);
  if (value instanceof DuckDBTimestampTZValue) return new Date(Number(value.micros / 1000n));
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    throw new Error(`a ${value.constructor.name} cannot be bound for PostgreSQL`);
  return value;
}

/** Where a quoted run that starts at `start` ends (a doubled quote is part of the run). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const end = sql.indexOf(quote, i);
    if (end === -1) return sql.length - 1;
    if (sql[end + 1] !== quote) return end;
    i = end + 2;
  }
}
