import type { DuckDBValue } from '@duckdb/node-api';
import pg from 'pg';
import { DuckDbStore } from '../DuckDbStore.ts';
import { ResponseWriter, type ResponseWriterOptions } from '../ResponseWriter.ts';
import type { Store } from '../Store.ts';
import type { Analysis, Tx } from '../Tx.ts';
import { Mirror } from './Mirror.ts';
import { PgTx, type Write } from './PgTx.ts';
import { ensurePgSchema, ident, tableShapes, type TableShape } from './pgSchema.ts';

/** Tables whose changes leave the caches of regions, campaigns and instruments valid. */
const responseTables = new Set([
  'responses',
  'answers',
  'response_devices',
  'invitations',
  'audit_log',
  'sessions',
]);

/**
 * Opens a store on PostgreSQL: several API processes can share it. The schema is the DuckDB
 * migrations' (see `ensurePgSchema`); each process keeps a DuckDB copy in memory, brought up to
 * date before every read, where the analysis SQL runs.
 *
 * @example const store = await openPostgresStore('postgres://manyi@db/manyi', {});
 */
export async function openPostgresStore(
  url: string,
  options: ResponseWriterOptions,
): Promise<PostgresStore> {
  const copy = await DuckDbStore.create(':memory:', {});
  const shapes = await tableShapes(copy);
  const sequences = (
    await copy.query<{ sequence_name: string }>('SELECT sequence_name FROM duckdb_sequences()')
  ).map((s) => s.sequence_name);
  const pool = new pg.Pool({ connectionString: url, max: 10, types: { getTypeParser } });
  // an idle connection the server ends (a restart, a failover) is dropped and made anew on use
  pool.on('error', () => undefined);
  try {
    const client = await connectCreating(pool, url);
    try {
      await ensurePgSchema(client, shapes, sequences);
    } finally {
      client.release();
    }
    const store = new PostgresStore(redact(url), pool, copy, shapes, options);
    await store.sync();
    return store;
  } catch (error) {
    await pool.end();
    await copy.close();
    throw error;
  }
}

/** The store on PostgreSQL (see `openPostgresStore`). */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  version = 0;
  metaVersion = 0;
  readonly responses: ResponseWriter;
  readonly #mirror: Mirror;
  readonly #shapes: Map<string, TableShape>;
  /** Tables whose rows a sequence numbers (the audit log, decisions …), with that column. */
  readonly #numbered: Map<string, string>;
  #lock: Promise<unknown> = Promise.resolve();
  /** The pass under way, and the one that follows it for the reads that came meanwhile. */
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  #closed = false;

  constructor(
    readonly path: string,
    private readonly pool: pg.Pool,
    private readonly copy: DuckDbStore,
    shapes: readonly TableShape[],
    options: ResponseWriterOptions,
  ) {
    this.#mirror = new Mirror(copy, shapes);
    this.#shapes = new Map(shapes.map((s) => [s.name, s]));
    this.#numbered = new Map(
      shapes.flatMap((s) =>
        s.columns.filter((c) => c.default?.startsWith('nextval(')).map((c) => [s.name, c.name]),
      ),
    );
    this.responses = new ResponseWriter(this, options);
  }

  async query<T = Record<string, unknown>>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    this.assertOpen();
    await this.sync();
    return this.copy.query<T>(sql, params);
  }

  async transaction<T>(
    work: (db: Tx) => Promise<T>,
    kind: 'meta' | 'responses' = 'meta',
  ): Promise<T> {
    return this.exclusive(async () => {
      const client = await this.pool.connect();
      let analysis: AnalysisCopy | null = null;
      try {
        await client.query('BEGIN');
        const tx = new PgTx(client, this.#shapes, (writes) => {
          analysis = new AnalysisCopy(this, this.copy, writes, this.#numbered);
          return analysis;
        });
        let result: T;
        try {
          result = await work(tx);
          await tx.settle();
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        await client.query('COMMIT');
        this.version++;
        if (kind === 'meta') this.metaVersion++;
        return result;
      } finally {
        client.release();
        await (analysis as AnalysisCopy | null)?.end();
      }
    });
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.assertOpen();
    const next = this.#lock.then(work, work);
    this.#lock = next.catch(() => undefined);
    return next;
  }

  /**
   * Brings the DuckDB copy up to date: every write committed before the call is in it when
   * the promise resolves. Calls that come while a pass runs share the next pass.
   */
  sync(): Promise<void> {
    if (this.#queued) return this.#queued;
    if (this.#running)
      return (this.#queued = this.#running
        .catch(() => undefined)
        .then(() => {
          this.#queued = null;
          return this.sync();
        }));
    return (this.#running = this.pass().finally(() => (this.#running = null)));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.responses.drain();
    await this.exclusive(async () => undefined);
    this.#closed = true;
    await Promise.all([this.#running, this.#queued].map((p) => p?.catch(() => undefined)));
    await this.pool.end();
    await this.copy.close();
  }

  /** One synchronization pass. */
  private async pass(): Promise<void> {
    const client = await this.pool.connect();
    try {
      const { tables } = await this.#mirror.pull(client);
      if (tables.size) this.version++;
      if ([...tables].some((t) => !responseTables.has(t))) this.metaVersion++;
    } finally {
      client.release();
    }
  }

  private assertOpen(): void {
    if (this.#closed) throw new Error(`store ${this.path} is closed`);
  }
}

/**
 * The DuckDB copy as one transaction's analysis sees it: synchronized first, then this
 * transaction's writes made again on it, inside a DuckDB transaction that is always rolled back
 * (the rows come back from PostgreSQL with the next synchronization once committed).
 */
class AnalysisCopy implements Analysis {
  #ready: Promise<Tx>;
  #done!: () => void;
  #finished: Promise<unknown>;
  #replayed = 0;

  constructor(
    store: PostgresStore,
    copy: DuckDbStore,
    private readonly writes: readonly Write[],
    private readonly numbered: ReadonlyMap<string, string>,
  ) {
    let ready!: (tx: Tx) => void;
    this.#ready = new Promise<Tx>((resolve) => (ready = resolve));
    const done = new Promise<void>((resolve) => (this.#done = resolve));
    this.#finished = store
      .sync()
      .then(() =>
        copy.transaction(async (tx) => {
          ready(tx);
          await done;
          throw rollback;
        }),
      )
      .catch((error) => {
        if (error !== rollback) throw error;
      });
    this.#finished.catch(() => undefined);
  }

  async query<T = Record<string, unknown>>(
    sql: string,
    params: DuckDBValue[] | Record<string, DuckDBValue> = [],
  ): Promise<T[]> {
    const tx = await Promise.race([this.#ready, this.#finished.then(() => never())]);
    await this.replay(tx);
    return (await tx.analysis.query<T>(sql, params)) as T[];
  }

  /** Ends the DuckDB transaction (rolled back). */
  async end(): Promise<void> {
    this.#done();
    await this.#finished;
  }

  /** The writes made since the last query, on the copy. */
  private async replay(tx: Tx): Promise<void> {
    for (; this.#replayed < this.writes.length; this.#replayed++) {
      const write = this.writes[this.#replayed]!;
      if (write.kind === 'run') {
        // the copy's sequence would number such a row differently than PostgreSQL did (and clash
        // with rows it holds): those rows come with the next synchronization
        const [, table, columns] =
          /^\s*INSERT\s+INTO\s+"?(\w+)"?\s*(\([^)]*\))?/i.exec(write.sql) ?? [];
        const numbered = table && this.numbered.get(table);
        if (!numbered || new RegExp(`\\b${numbered}\\b`).test(columns ?? ''))
          await tx.run(write.sql, write.params);
      } else {
        const appender = await tx.createAppender(write.table);
        try {
          for (const row of write.rows) {
            for (const [method, value] of row)
              (appender[method] as (v?: DuckDBValue) => void).call(appender, value);
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
      }
    }
  }
}

const rollback = new Error('rollback');

/** For a race that cannot be won: the copy's transaction ended before it was ready. */
function never(): never {
  throw new Error('the analysis copy could not be opened');
}

/**
 * A connection of the pool, creating the database first when the server has none of that name,
 * as DuckDB creates a missing file (a fresh deployment, a test).
 */
async function connectCreating(pool: pg.Pool, url: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.slice(1));
    target.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: target.toString() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${ident(name)}`);
    } catch (created) {
      if ((created as { code?: string }).code !== '42P04') throw created; // made meanwhile
    } finally {
      await admin.end();
    }
    return pool.connect();
  }
}

/** pg's parsers, with BIGINT as bigint and NUMERIC as number, as DuckDB's reader gives them. */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === 20) return (value) => BigInt(value);
  if (oid === 1700) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format as 'text');
}

/** A URL without its password, to show. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
