// `Tx.insertAnalyzed` on both stores: the rows of an analytic query (DuckDB SQL, named values)
// appended to a table inside the transaction, readable by its later analysis and by every reader
// once committed; a failed insert leaves nothing. On DuckDB it is one INSERT … SELECT, on
// PostgreSQL the copy's rows appended to PostgreSQL: both must store the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../src/postgres/testCluster.ts';
import { openStore, type Store } from '../src/Store.ts';

let cluster: TestCluster;
const stores: Record<'duckdb' | 'postgres', Store> = {} as never;

beforeAll(async () => {
  cluster = await startTestCluster();
  stores.duckdb = await openStore({ path: ':memory:' });
  stores.postgres = await openStore({ path: await cluster.createDatabase() });
});

afterAll(async () => {
  await stores.duckdb?.close();
  await stores.postgres?.close();
  await cluster?.stop();
});

/** DuckDB-only SQL (range, list functions), units in the table's column order. */
const generatedUnits = `
  SELECT $prefix || i AS code, '社区' || i AS name, 'community' AS level,
         CASE WHEN i % 2 = 0 THEN 'urban' END AS kind, NULL AS parent_code,
         (i * $people)::INTEGER AS population
  FROM range($count) t(i)`;
const unitKinds = ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'integer'] as const;

const unitsOf = (store: Store, prefix: string) =>
  store.query(
    'SELECT code, name, kind, population FROM units WHERE starts_with(code, ?) ORDER BY code',
    [prefix],
  );

describe.each(['duckdb', 'postgres'] as const)('insertAnalyzed on %s', (kind) => {
  it('appends the rows of the query, seen by the transaction and, once committed, by readers', async () => {
    const store = stores[kind];
    const seen = await store.transaction(async (db) => {
      const inserted = await db.insertAnalyzed('units', unitKinds, generatedUnits, {
        prefix: 'IA',
        count: 3,
        people: 100,
      });
      expect(inserted).toBe(3);
      return db.analysis.query<{ n: bigint }>(
        "SELECT count(*) AS n FROM units WHERE starts_with(code, 'IA')",
      );
    });
    expect(seen).toEqual([{ n: 3n }]);
    expect(await unitsOf(store, 'IA')).toEqual([
      { code: 'IA0', name: '社区0', kind: 'urban', population: 0 },
      { code: 'IA1', name: '社区1', kind: null, population: 100 },
      { code: 'IA2', name: '社区2', kind: 'urban', population: 200 },
    ]);
  });

  it('leaves nothing when the insert fails (a key already there)', async () => {
    const store = stores[kind];
    await store.transaction((db) =>
      db.run(
        "INSERT INTO units (code, name, level, kind, parent_code, population) VALUES ('IB1', '已有', 'community', NULL, NULL, 1)",
      ),
    );
    await expect(
      store.transaction(async (db) => {
        await db.insertAnalyzed('units', unitKinds, generatedUnits, {
          prefix: 'IB',
          count: 3,
          people: 10,
        });
        // PostgreSQL's append is queued until the next statement or the commit
        await db.run('SELECT 1');
      }),
    ).rejects.toThrow();
    expect(await unitsOf(store, 'IB')).toEqual([
      { code: 'IB1', name: '已有', kind: null, population: 1 },
    ]);
  });
});
