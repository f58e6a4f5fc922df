import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/**
 * Anything that answers a read query with bound parameters: a `Store` (its read connection), or
 * the write connection inside `store.transaction`, so that a scoring run reads one snapshot.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
}

/**
 * A DuckDB connection as a `Queryable`: row objects, BIGINT as bigint, like `Store.query`.
 *
 * @example await store.transaction(async (db) => estimateResidentScores(onConnection(db), source));
 */
export function onConnection(db: DuckDBConnection): Queryable {
  return {
    async query<T>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
      const reader = await db.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
  };
}

/** A named query with its bound values, to be used as a CTE of a larger query. */
export interface SqlSource {
  sql: string;
  params: DuckDBValue[];
}
