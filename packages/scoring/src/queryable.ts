import type { DuckDBValue } from '@duckdb/node-api';
import type { Tx } from '@manyi/store/Tx';

/**
 * Anything that answers a read query with bound parameters: a `Store` (its read connection), or
 * the write connection inside `store.transaction`, so that a scoring run reads one snapshot.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: DuckDBValue[] | Record<string, DuckDBValue>,
  ): Promise<T[]>;
}

/**
 * A write transaction's analytic reads as a `Queryable` (DuckDB SQL, row objects, BIGINT as
 * bigint, like `Store.query`): on DuckDB the transaction's own connection, on PostgreSQL the
 * process's synchronized DuckDB copy with the transaction's writes.
 *
 * @example await store.transaction(async (db) => estimateResidentScores(onConnection(db), source));
 */
export function onConnection(db: Tx): Queryable {
  return db.analysis;
}

/** A named query with its bound values, to be used as a CTE of a larger query. */
export interface SqlSource {
  sql: string;
  params: DuckDBValue[];
}
