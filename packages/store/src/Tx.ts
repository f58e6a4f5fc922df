import type { DuckDBValue } from '@duckdb/node-api';
import type { AppendedKind } from './appendRows.ts';

/** Rows a statement read: as DuckDB's reader gives them (BIGINT as bigint, timestamps as Date). */
export interface TxRows {
  readonly currentRowCount: number;
  getRows(): readonly (readonly unknown[])[];
  getRowsJS(): readonly (readonly unknown[])[];
  getRowObjectsJS(): Record<string, unknown>[];
}

/** Rows appended to one table, column by column in table order (DuckDB's Appender's calls). */
export interface TxAppender {
  appendVarchar(value: string): void;
  appendInteger(value: number): void;
  appendDouble(value: number): void;
  appendNull(): void;
  appendTimestampTZ(value: DuckDBValue): void;
  endRow(): void;
  flushSync(): void;
  clear(): void;
  closeSync(): void;
}

/**
 * What a write transaction's work gets: the part of DuckDB's connection the store uses, so that
 * the same code writes to the embedded DuckDB file (the connection itself) or to PostgreSQL (an
 * adapter). The SQL of `run` and `runAndReadAll` must mean the same in both: plain tables, `?`
 * or `$n` placeholders, `unnest(?::VARCHAR[])`, `ON CONFLICT`, `now()`. Analytic SQL (DuckDB's
 * functions, views) reads through `analysis`.
 */
export interface Tx {
  run(sql: string, params?: DuckDBValue[]): Promise<unknown>;
  runAndReadAll(sql: string, params?: DuckDBValue[]): Promise<TxRows>;
  createAppender(table: string): Promise<TxAppender>;
  /**
   * Appends the rows of an analytic query (DuckDB SQL over the store, as `analysis` reads it) to
   * `table`: one value per column in table order, each of its `kinds` (JSON as VARCHAR). On
   * DuckDB one INSERT … SELECT, the rows never leave the database (a province's 120,000 quality
   * flags in 0.1 s instead of a second read out and appended back); on PostgreSQL read from the
   * copy and appended. Returns how many rows.
   */
  insertAnalyzed(
    table: string,
    kinds: readonly AppendedKind[],
    sql: string,
    params?: DuckDBValue[] | Record<string, DuckDBValue>,
  ): Promise<number>;
  /**
   * DuckDB SQL reading the store: on DuckDB the transaction's own connection (its snapshot, its
   * writes); on PostgreSQL the process's DuckDB copy as synchronized when the transaction began
   * (the transaction's own writes are not in it: analytic reads come before a run's writes).
   */
  readonly analysis: Analysis;
}

/** Analytic reads with bound values, row objects as `Store.query` gives them. */
export interface Analysis {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: DuckDBValue[] | Record<string, DuckDBValue>,
  ): Promise<T[]>;
}
