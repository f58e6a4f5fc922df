import type { DuckDBValue } from '@duckdb/node-api';

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
