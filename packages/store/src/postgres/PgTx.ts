import type { DuckDBValue } from '@duckdb/node-api';
import type pg from 'pg';
import { appendRows, type AppendedKind } from '../appendRows.ts';
import type { Analysis, Tx, TxAppender, TxRows } from '../Tx.ts';
import { ident, pgType, type TableShape } from './pgSchema.ts';
import { toPgParam, toPgSql } from './pgSql.ts';

/** A write as the transaction made it, to be made again on the DuckDB copy when analysis asks. */
export type Write =
  | { kind: 'run'; sql: string; params: DuckDBValue[] }
  | { kind: 'append'; table: string; rows: AppendCall[][] };

/** One call on an appender: the method and its value, replayed as it was made. */
export type AppendCall = [method: keyof TxAppender, value?: DuckDBValue];

/**
 * A store transaction on PostgreSQL, speaking the part of DuckDB's connection the store uses:
 * `run` and `runAndReadAll` go to PostgreSQL (so checks and conditional updates are race-free
 * across API processes); appended rows go in as one INSERT … SELECT FROM unnest(…) per flush;
 * `analysis` is the process's DuckDB copy with this transaction's writes made again on it.
 * An appender's flush is synchronous in DuckDB's API: its INSERT is queued and awaited by the
 * next statement and by the commit, so a failure still fails the transaction.
 */
export class PgTx implements Tx {
  /** Writes so far, in order: what `analysis` replays. */
  readonly writes: Write[] = [];
  #pending: Promise<void> = Promise.resolve();
  #analysis: Analysis | null = null;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly shapes: ReadonlyMap<string, TableShape>,
    private readonly openAnalysis: (writes: readonly Write[]) => Analysis,
  ) {}

  async run(sql: string, params: DuckDBValue[] = []): Promise<unknown> {
    return this.statement(sql, params);
  }

  async runAndReadAll(sql: string, params: DuckDBValue[] = []): Promise<TxRows> {
    return rowsOf(await this.statement(sql, params));
  }

  async createAppender(table: string): Promise<TxAppender> {
    const shape = this.shapes.get(table);
    if (!shape) throw new Error(`no table ${table}`);
    return new PgAppender(shape, (rows, calls) => {
      this.writes.push({ kind: 'append', table, rows: calls });
      this.#pending = this.#pending.then(() => this.insert(shape, rows));
      this.#pending.catch(() => undefined); // surfaces at the next statement or the commit
    });
  }

  async insertAnalyzed(
    table: string,
    kinds: readonly AppendedKind[],
    sql: string,
    params: DuckDBValue[] | Record<string, DuckDBValue> = [],
  ): Promise<number> {
    const rows = await this.analysis.query(sql, params);
    await appendRows(
      this,
      table,
      kinds,
      rows.map((row) => Object.values(row) as (string | number | null)[]),
    );
    return rows.length;
  }

  get analysis(): Analysis {
    this.#analysis ??= this.openAnalysis(this.writes);
    return this.#analysis;
  }

  /** Waits for queued appends; throws what they threw. */
  settle(): Promise<void> {
    return this.#pending;
  }

  /** Runs one statement on PostgreSQL after the queued appends. */
  private async pg(sql: string, params: DuckDBValue[]): Promise<pg.QueryArrayResult> {
    await this.#pending;
    return this.client.query({
      text: toPgSql(sql),
      values: params.map(toPgParam),
      rowMode: 'array',
    });
  }

  /**
   * One statement on PostgreSQL; a write (every statement of the store that writes starts with
   * INSERT, UPDATE or DELETE) is recorded for the analysis copy.
   */
  private async statement(sql: string, params: DuckDBValue[]): Promise<pg.QueryArrayResult> {
    const result = await this.pg(sql, params);
    if (/^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql)) this.writes.push({ kind: 'run', sql, params });
    return result;
  }

  /** Appended rows into PostgreSQL: one statement, a bound array per column. */
  private async insert(shape: TableShape, rows: unknown[][]): Promise<void> {
    if (!rows.length) return;
    const columns = shape.columns;
    const arrays = columns.map((_, c) => rows.map((row) => row[c] ?? null));
    const unnest = columns.map((col, c) => `$${c + 1}::${pgType(col.type)}[]`).join(', ');
    await this.client.query(
      `INSERT INTO ${ident(shape.name)} (${columns.map((c) => ident(c.name)).join(', ')})
       SELECT * FROM unnest(${unnest})`,
      arrays,
    );
  }
}

/** DuckDB's appender calls, collecting rows for one INSERT per flush. */
class PgAppender implements TxAppender {
  #row: unknown[] = [];
  #calls: AppendCall[] = [];
  #rows: unknown[][] = [];
  #rowCalls: AppendCall[][] = [];

  constructor(
    private readonly shape: TableShape,
    private readonly flushed: (rows: unknown[][], calls: AppendCall[][]) => void,
  ) {}

  appendVarchar(value: string): void {
    this.add('appendVarchar', value, value);
  }
  appendInteger(value: number): void {
    this.add('appendInteger', value, value);
  }
  appendDouble(value: number): void {
    this.add('appendDouble', value, value);
  }
  appendNull(): void {
    this.add('appendNull', undefined, null);
  }
  appendTimestampTZ(value: DuckDBValue): void {
    this.add('appendTimestampTZ', value, toPgParam(value));
  }
  endRow(): void {
    if (this.#row.length !== this.shape.columns.length)
      throw new Error(
        `${this.shape.name}: a row of ${this.#row.length} values for ${this.shape.columns.length} columns`,
      );
    this.#rows.push(this.#row);
    this.#rowCalls.push(this.#calls);
    this.#row = [];
    this.#calls = [];
  }
  flushSync(): void {
    if (!this.#rows.length) return;
    this.flushed(this.#rows, this.#rowCalls);
    this.#rows = [];
    this.#rowCalls = [];
  }
  clear(): void {
    this.#rows = [];
    this.#rowCalls = [];
    this.#row = [];
    this.#calls = [];
  }
  closeSync(): void {
    this.flushSync();
  }

  /** One value of the row being built, and the call that made it. */
  private add(method: keyof TxAppender, value: DuckDBValue | undefined, pgValue: unknown): void {
    this.#row.push(pgValue);
    this.#calls.push(value === undefined ? [method] : [method, value]);
  }
}

/** A pg result in the shapes DuckDB's reader gives. */
function rowsOf(result: pg.QueryArrayResult): TxRows {
  const names = result.fields.map((f) => f.name);
  return {
    currentRowCount: result.rows.length,
    getRows: () => result.rows,
    getRowsJS: () => result.rows,
    getRowObjectsJS: () =>
      result.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]]))),
  };
}
