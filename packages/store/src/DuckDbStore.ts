import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { migrations } from './migrations.ts';
import { ResponseWriter, type ResponseWriterOptions } from './ResponseWriter.ts';
import type { Store } from './Store.ts';
import type { Tx } from './Tx.ts';

/** The repository's default database file. */
export const defaultDatabasePath = resolve(
  fileURLToPath(new URL('../../../data/manyi.duckdb', import.meta.url)),
);

const open = new Map<string, Promise<DuckDbStore>>();

/**
 * Opens the store on a DuckDB file, creating it and applying migrations as needed. Opening the
 * same file again in one process returns the same store: two DuckDB instances on one file have
 * lost a committed row here, so there is exactly one per file per process.
 */
export function openDuckDbStore(
  path: string,
  options: ResponseWriterOptions,
): Promise<DuckDbStore> {
  path = resolvePath(path);
  if (path === ':memory:') return DuckDbStore.create(path, options);
  let store = open.get(path);
  if (!store) {
    store = DuckDbStore.create(path, options);
    open.set(path, store);
    store.catch(() => open.delete(path));
  }
  return store;
}

/** The embedded DuckDB store: one instance, a write connection behind a lock, a read connection. */
export class DuckDbStore implements Store {
  readonly kind = 'duckdb';
  /** Bumped on every committed write; caches of derived figures key on it. */
  version = 0;
  /** Bumped on every committed write other than submissions (regions, campaigns, instruments). */
  metaVersion = 0;
  readonly responses: ResponseWriter;
  #closed = false;
  /** The write connection as transactions see it. */
  readonly #tx: Tx;
  #lock: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    options: ResponseWriterOptions,
  ) {
    this.responses = new ResponseWriter(this, options);
    this.#tx = {
      run: (sql, params) => writer.run(sql, params),
      runAndReadAll: (sql, params) => writer.runAndReadAll(sql, params),
      createAppender: (table) => writer.createAppender(table),
      insertAnalyzed: async (table, _kinds, sql, params = []) => {
        const inserted = await writer.run(`INSERT INTO ${table} SELECT * FROM (${sql})`, params);
        return Number(inserted.rowsChanged);
      },
      analysis: {
        async query<T>(
          sql: string,
          params: DuckDBValue[] | Record<string, DuckDBValue> = [],
        ): Promise<T[]> {
          return (await writer.runAndReadAll(sql, params)).getRowObjectsJS() as T[];
        },
      },
    };
  }

  static async create(path: string, options: ResponseWriterOptions): Promise<DuckDbStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // Not DuckDBInstance.fromCache: `openStore` keeps the one instance per file itself, so that
    // closing the store can close the instance and release the file's lock for another process.
    const instance = await DuckDBInstance.create(path);
    const writer = await instance.connect();
    const reader = await instance.connect();
    await writer.run("SET TimeZone = 'Asia/Shanghai'");
    await reader.run("SET TimeZone = 'Asia/Shanghai'");
    const store = new DuckDbStore(path, instance, writer, reader, options);
    await store.migrate();
    return store;
  }

  /**
   * Rows of a read-only query as plain objects (BIGINT as bigint). Values are bound, never spliced.
   * Each call prepares its statement afresh. Keeping prepared statements by SQL halved the cost of
   * a read (~0.4 → ~0.2 ms), but DuckDB 1.5.6 plans a prepared statement with the statistics of
   * the tables as they were: prepared while no response was flagged, `valid_responses` kept every
   * response after flags were written (duckdb/duckdb#23704, fixed by #24696 after this release).
   */
  async query<T = Record<string, unknown>>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    this.assertOpen();
    const reader = await this.reader.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as T[];
  }

  /**
   * Runs `work` on the write connection inside one transaction, serialized with every other
   * write of this store. Rolls back and rethrows if `work` throws: nothing is half-written.
   * `kind` says whether it changed only responses (caches of regions and campaigns stay valid).
   */
  async transaction<T>(
    work: (db: Tx) => Promise<T>,
    kind: 'meta' | 'responses' = 'meta',
  ): Promise<T> {
    return this.exclusive(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const result = await work(this.#tx);
        await this.writer.run('COMMIT');
        this.version++;
        if (kind === 'meta') this.metaVersion++;
        return result;
      } catch (error) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Runs `work` with the write connection to itself (no other write interleaves). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.assertOpen();
    const next = this.#lock.then(work, work);
    this.#lock = next.catch(() => undefined);
    return next;
  }

  /** Flushes pending submissions and closes the database. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.responses.drain();
    await this.exclusive(async () => undefined);
    this.#closed = true;
    open.delete(this.path);
    this.writer.closeSync();
    this.reader.closeSync();
    this.instance.closeSync();
  }

  /** Applies the migrations this file lacks, each in its own transaction. */
  private async migrate(): Promise<void> {
    await this.writer.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)',
    );
    const done = await this.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.map((r) => r.version));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await this.transaction(async (db) => {
        await db.run(m.sql);
        await db.run(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, now())',
          [m.version, m.name],
        );
      });
    }
  }

  private assertOpen(): void {
    if (this.#closed) throw new Error(`store ${this.path} is closed`);
  }
}

/** Absolute path for a file, ':memory:' as it is. */
function resolvePath(path: string): string {
  return path === ':memory:' ? path : resolve(path);
}
