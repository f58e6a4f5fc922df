import type { DuckDBValue } from '@duckdb/node-api';
import { defaultDatabasePath, openDuckDbStore } from './DuckDbStore.ts';
import type { ResponseWriter, ResponseWriterOptions } from './ResponseWriter.ts';
import type { Tx } from './Tx.ts';

export { defaultDatabasePath };

export interface StoreOptions extends ResponseWriterOptions {
  /**
   * Where the data lives: a DuckDB file path, ':memory:', or a `postgres://` URL. Default
   * `MANYI_DATABASE_URL`, else `MANYI_DB`, else `data/manyi.duckdb` in the repository.
   */
  path?: string;
}

/**
 * Where Manyi keeps its data, whichever database holds it: the embedded DuckDB file (a city on
 * one machine) or PostgreSQL shared by several API processes (a province). Reads are DuckDB SQL
 * either way (on PostgreSQL, against the process's synchronized DuckDB copy); writes go through
 * `transaction`.
 */
export interface Store {
  readonly kind: 'duckdb' | 'postgres';
  /** The DuckDB file, ':memory:', or the PostgreSQL URL without its password. */
  readonly path: string;
  /** Moves on every committed write this process sees; caches of derived figures key on it. */
  readonly version: number;
  /** Moves on every committed write other than submissions (regions, campaigns, instruments …). */
  readonly metaVersion: number;
  readonly responses: ResponseWriter;
  /** Rows of a read-only DuckDB query as plain objects (BIGINT as bigint); values bound, never spliced. */
  query<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  /**
   * Runs `work` inside one transaction, serialized with every other write of this process.
   * Rolls back and rethrows if `work` throws: nothing is half-written. `kind` says whether it
   * changed only responses (caches of regions and campaigns stay valid).
   */
  transaction<T>(work: (db: Tx) => Promise<T>, kind?: 'meta' | 'responses'): Promise<T>;
  /** Runs `work` with the writer to itself (no other write of this process interleaves). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Flushes pending submissions and closes. */
  close(): Promise<void>;
}

/**
 * Opens the store: PostgreSQL for a `postgres://` URL, else a DuckDB file, creating it and
 * applying migrations as needed.
 *
 * @example const store = await openStore({ path: ':memory:' });
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const where =
    options.path ?? process.env.MANYI_DATABASE_URL ?? process.env.MANYI_DB ?? defaultDatabasePath;
  if (/^postgres(ql)?:\/\//.test(where)) {
    const { openPostgresStore } = await import('./postgres/PostgresStore.ts');
    return openPostgresStore(where, options);
  }
  return openDuckDbStore(where, options);
}
