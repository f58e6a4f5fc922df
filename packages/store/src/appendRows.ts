import type { Tx, TxAppender } from './Tx.ts';

/** How a column's values are appended: INTEGER, VARCHAR (JSON included) or DOUBLE; null appends NULL. */
export type AppendedKind = 'integer' | 'varchar' | 'double';

/**
 * Appends rows to `table` through the Appender (DuckDB's, or the PostgreSQL adapter's), inside
 * the caller's transaction: for the tens of thousands of rows of a run (results, quality flags)
 * that cost twice as much as list parameters of an INSERT. Values follow the table's columns in
 * order, each of its column's kind. A failed append drops what was buffered, so closing cannot
 * flush it, fail in turn and hide the first error.
 *
 * @example await appendRows(db, 'quality_flags', ['integer', 'integer', 'varchar', 'varchar', 'varchar'], flags.map((f) => [runId, year, f.id, f.flag, f.detail]))
 */
export async function appendRows(
  db: Tx,
  table: string,
  kinds: readonly AppendedKind[],
  rows: Iterable<readonly (string | number | null)[]>,
): Promise<void> {
  const appender = await db.createAppender(table);
  try {
    for (const row of rows) {
      kinds.forEach((kind, i) => append(appender, kind, row[i] ?? null));
      appender.endRow();
    }
    appender.flushSync();
  } catch (error) {
    appender.clear();
    throw error;
  } finally {
    appender.closeSync();
  }
}

function append(appender: TxAppender, kind: AppendedKind, value: string | number | null): void {
  if (value === null) appender.appendNull();
  else if (kind === 'varchar') appender.appendVarchar(String(value));
  else if (kind === 'integer') appender.appendInteger(Number(value));
  else appender.appendDouble(Number(value));
}
