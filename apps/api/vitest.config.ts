import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/**
 * The API's suite runs twice: on the embedded DuckDB store, and on PostgreSQL (a throwaway
 * server the global setup starts), so that both stores answer every route alike. The crash
 * tests kill a DuckDB process and damage its files: they run on DuckDB only. Two files at a time:
 * much of a file's time is waiting (a PostgreSQL server, child processes, loading the app), and the
 * suite runs in 4½ minutes instead of 7½ on this 2-core machine.
 */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      maxWorkers: 2,
      projects: [
        { extends: true, test: { name: 'duckdb', env: { MANYI_TEST_STORE: 'duckdb' } } },
        {
          extends: true,
          test: {
            name: 'postgres',
            env: { MANYI_TEST_STORE: 'postgres' },
            globalSetup: ['../../packages/store/src/testing/postgresGlobalSetup.ts'],
            exclude: ['**/node_modules/**', 'test/crashSafety.test.ts'],
          },
        },
      ],
    },
  }),
);
