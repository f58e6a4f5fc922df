import { timestampTZValue } from '@duckdb/node-api';
import type pg from 'pg';
import type { DuckDbStore } from '../DuckDbStore.ts';
import type { Tx, TxAppender } from '../Tx.ts';
import { ident, type TableShape } from './pgSchema.ts';

/** What one synchronization brought: the tables that changed. */
export interface Pulled {
  tables: Set<string>;
}

/**
 * Keeps a process's DuckDB copy up to date with PostgreSQL, exactly: each pass reads, in one
 * repeatable-read snapshot, the rows written (`_xid`) by transactions that had not finished at
 * the previous pass's snapshot and were not read then, and the deletions recorded likewise.
 * Why that is exact: a transaction that finished before the previous snapshot was visible to
 * it, so its rows were read then; one still running then has an id at least that snapshot's
 * xmin, so it is read now, once, as a whole (its rows become visible together). Deletions are
 * applied before the rows, so a key deleted and written again in the window ends as written.
 */
export class Mirror {
  /** The oldest transaction still running at the last snapshot (`pg_snapshot_xmin`). */
  #xmin = '0';
  /** Transactions at or above `#xmin` already read. */
  #read = new Set<string>();

  constructor(
    readonly copy: DuckDbStore,
    private readonly shapes: readonly TableShape[],
  ) {}

  /** One pass: what changed since the last, into the copy. */
  async pull(client: pg.ClientBase): Promise<Pulled> {
    const tables = new Set<string>();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const {
        rows: [snapshot],
      } = await client.query<{ xmin: string }>(
        'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
      );
      const since = [this.#xmin, [...this.#read]];
      const changed = await client.query<{ t: string }>(
        [...this.shapes.map((s) => s.name), 'manyi_deleted']
          .map(
            (name) =>
              `(SELECT '${name}' AS t FROM ${ident(name)} WHERE _xid >= $1::xid8 AND NOT (_xid = ANY($2::xid8[])) LIMIT 1)`,
          )
          .join(' UNION ALL '),
        since,
      );
      if (changed.rows.length) {
        const names = new Set(changed.rows.map((r) => r.t));
        const seen = new Set<string>();
        const deleted = names.has('manyi_deleted')
          ? (
              await client.query<{
                table_name: string;
                old_row: Record<string, unknown>;
                x: string;
              }>(
                `SELECT table_name, old_row, _xid::text AS x FROM manyi_deleted
                 WHERE _xid >= $1::xid8 AND NOT (_xid = ANY($2::xid8[]))`,
                since,
              )
            ).rows
          : [];
        const pulled = new Map<TableShape, { rows: unknown[][] }>();
        for (const shape of this.shapes) {
          if (!names.has(shape.name)) continue;
          const result = await client.query({
            text: `SELECT ${shape.columns.map((c) => ident(c.name)).join(', ')}, _xid::text
                   FROM ${ident(shape.name)} WHERE _xid >= $1::xid8 AND NOT (_xid = ANY($2::xid8[]))`,
            values: since,
            rowMode: 'array',
          });
          pulled.set(shape, { rows: result.rows });
        }
        await this.copy.transaction(async (db) => {
          for (const d of deleted) {
            seen.add(d.x);
            const shape = this.shapes.find((s) => s.name === d.table_name);
            if (!shape) continue;
            tables.add(shape.name);
            await removeRow(db, shape, d.old_row);
          }
          for (const [shape, { rows }] of pulled) {
            for (const row of rows) seen.add(String(row[row.length - 1]));
            if (!rows.length) continue;
            tables.add(shape.name);
            await upsertRows(db, shape, rows);
          }
        });
        for (const x of seen) this.#read.add(x);
      }
      await client.query('COMMIT');
      this.#xmin = snapshot!.xmin;
      for (const x of this.#read) if (BigInt(x) < BigInt(this.#xmin)) this.#read.delete(x);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return { tables };
  }
}

/** Deletes the copy's row with the key of a deleted PostgreSQL row. */
async function removeRow(db: Tx, shape: TableShape, old: Record<string, unknown>): Promise<void> {
  const key = shape.key.length ? shape.key : shape.columns.map((c) => c.name);
  await db.run(
    `DELETE FROM ${ident(shape.name)} WHERE ${key.map((k) => `${ident(k)} = ?`).join(' AND ')}`,
    key.map((k) => {
      const value = old[k];
      return value === null || value === undefined ? null : (value as string | number);
    }),
  );
}

/** Writes pulled rows into the copy: replacing rows of the same key, through a staging table. */
async function upsertRows(db: Tx, shape: TableShape, rows: unknown[][]): Promise<void> {
  const table = ident(shape.name);
  const stage = ident(`stage_${shape.name}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT * FROM ${table} LIMIT 0`);
  const appender = await db.createAppender(`stage_${shape.name}`);
  try {
    for (const row of rows) {
      shape.columns.forEach((column, i) => appendValue(appender, column.type, row[i]));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  const rest = shape.columns.filter((c) => !shape.key.includes(c.name));
  const conflict = !shape.key.length
    ? '' // answers and quality flags: never updated, and each transaction's rows are read once
    : rest.length
      ? ` ON CONFLICT (${shape.key.map(ident).join(', ')}) DO UPDATE SET ${rest
          .map((c) => `${ident(c.name)} = excluded.${ident(c.name)}`)
          .join(', ')}`
      : ' ON CONFLICT DO NOTHING';
  await db.run(`INSERT INTO ${table} SELECT * FROM ${stage}${conflict}`);
  await db.run(`DROP TABLE ${stage}`);
}

/** One value through DuckDB's appender, by the column's type. */
function appendValue(appender: TxAppender, type: string, value: unknown): void {
  if (value === null || value === undefined) return appender.appendNull();
  switch (type) {
    case 'INTEGER':
    case 'SMALLINT':
      return appender.appendInteger(Number(value));
    case 'DOUBLE':
    case 'FLOAT':
      return appender.appendDouble(Number(value));
    case 'TIMESTAMP WITH TIME ZONE':
      return appender.appendTimestampTZ(
        timestampTZValue(BigInt((value as Date).getTime()) * 1000n),
      );
    default:
      return appender.appendVarchar(String(value));
  }
}
