import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let scratches = 0;

/**
 * Where a test's store lives: a fresh database on the test PostgreSQL server when the suite runs
 * on PostgreSQL (`MANYI_TEST_STORE=postgres`, see `postgresGlobalSetup`), else DuckDB in memory.
 * The database is made when the store first opens it.
 */
export function scratchStorePath(): string {
  return onPostgres() ?? ':memory:';
}

/**
 * A store that outlives its process (reopened, or shared with a child process): a fresh
 * PostgreSQL database, or a new DuckDB file in a temporary directory.
 */
export function scratchDatabase(): string {
  return onPostgres() ?? join(mkdtempSync(join(tmpdir(), 'manyi-')), 'test.duckdb');
}

/** Whether this suite runs on PostgreSQL. */
export function testsOnPostgres(): boolean {
  return process.env.MANYI_TEST_STORE === 'postgres';
}

/** A new database's URL on the test server, or null on DuckDB. */
function onPostgres(): string | null {
  if (!testsOnPostgres()) return null;
  const server = process.env.MANYI_TEST_POSTGRES;
  if (!server)
    throw new Error('MANYI_TEST_STORE=postgres without MANYI_TEST_POSTGRES (the global setup)');
  const name = `manyi_t${process.pid}_${++scratches}_${Math.random().toString(36).slice(2, 8)}`;
  return `${server}/${name}`;
}
