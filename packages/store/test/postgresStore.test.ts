// The PostgreSQL store against a real server (Debian's, started here): several stores on one
// database stand for several API processes. What one writes the others read at their next read,
// exactly — including a transaction that commits after a later one, updates and deletions —
// and a failed transaction leaves nothing, in PostgreSQL or in any process's DuckDB copy.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { audit, machineActor } from '../src/audit.ts';
import { startTestCluster, type TestCluster } from '../src/postgres/testCluster.ts';
import { openStore, type Store } from '../src/Store.ts';

let cluster: TestCluster;
let url: string;
let a: Store;
let b: Store;

beforeAll(async () => {
  cluster = await startTestCluster();
  url = await cluster.createDatabase();
  a = await openStore({ path: url });
  b = await openStore({ path: url });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await cluster?.stop();
});

/** Adds a unit through a store's transaction. */
const addUnit = (store: Store, code: string, name = `${code}社区`) =>
  store.transaction((db) =>
    db.run(
      "INSERT INTO units (code, name, level, kind, parent_code, population) VALUES (?, ?, 'community', 'urban', NULL, 100)",
      [code, name],
    ),
  );

/** The names of these units as a store reads them. */
const names = async (store: Store, codes: string[]) =>
  (
    await store.query<{ code: string; name: string }>(
      'SELECT code, name FROM units WHERE list_contains(?::VARCHAR[], code) ORDER BY code',
      [JSON.stringify(codes)],
    )
  ).map((r) => `${r.code}:${r.name}`);

it('shows one process what another wrote, at its next read', async () => {
  expect(a.kind).toBe('postgres');
  const before = b.metaVersion;
  await addUnit(a, 'P1');
  expect(await names(b, ['P1'])).toEqual(['P1:P1社区']);
  expect(b.metaVersion).toBeGreaterThan(before);
  // the store's tables are PostgreSQL's: the row is there, with the transaction that wrote it
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT name, _xid::text AS x FROM units WHERE code = 'P1'");
  await client.end();
  expect(rows).toEqual([{ name: 'P1社区', x: expect.stringMatching(/^\d+$/) }]);
});

it('reads a transaction that commits after a later one, once', async () => {
  const late = new pg.Client({ connectionString: url });
  await late.connect();
  await late.query('BEGIN');
  await late.query(
    "INSERT INTO units (code, name, level, population) VALUES ('LATE', '晚提交社区', 'community', 1)",
  );
  await addUnit(a, 'EARLY');
  expect(await names(b, ['EARLY', 'LATE'])).toEqual(['EARLY:EARLY社区']);
  await late.query('COMMIT');
  await late.end();
  expect(await names(b, ['EARLY', 'LATE'])).toEqual(['EARLY:EARLY社区', 'LATE:晚提交社区']);
  expect(await names(a, ['EARLY', 'LATE'])).toEqual(['EARLY:EARLY社区', 'LATE:晚提交社区']);
  const [{ n }] = (await b.query<{ n: bigint }>(
    "SELECT count(*) AS n FROM units WHERE code IN ('EARLY', 'LATE')",
  )) as [{ n: bigint }];
  expect(n).toBe(2n);
});

it('carries updates and deletions across', async () => {
  await addUnit(a, 'U1');
  expect(await names(b, ['U1'])).toEqual(['U1:U1社区']);
  await b.transaction((db) => db.run("UPDATE units SET name = '改名社区' WHERE code = 'U1'"));
  expect(await names(a, ['U1'])).toEqual(['U1:改名社区']);
  await a.transaction((db) => db.run("DELETE FROM units WHERE code = 'U1'"));
  expect(await names(b, ['U1'])).toEqual([]);
  // deleted and written again in one transaction: the copy ends as written
  await addUnit(a, 'U2');
  await b.transaction(async (db) => {
    await db.run("DELETE FROM units WHERE code = 'U2'");
    await db.run(
      "INSERT INTO units (code, name, level, population) VALUES ('U2', '重建社区', 'community', 5)",
    );
  });
  expect(await names(a, ['U2'])).toEqual(['U2:重建社区']);
});

it('numbers rows from one sequence for every process', async () => {
  const entry = (target: string) => ({ actor: machineActor(), action: 'test.write', target });
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? a : b).transaction((db) => audit(db, entry(`t${i}`))),
    ),
  );
  for (const store of [a, b]) {
    const rows = await store.query<{ id: bigint; target: string }>(
      "SELECT id, target FROM audit_log WHERE action = 'test.write' ORDER BY id",
    );
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.id)).size).toBe(10);
  }
});

it('leaves nothing of a failed transaction, in PostgreSQL or in the copies', async () => {
  await expect(
    a.transaction(async (db) => {
      await db.run(
        "INSERT INTO units (code, name, level, population) VALUES ('GONE', '回滚社区', 'community', 1)",
      );
      // the analysis copy sees the transaction's own writes …
      const seen = await db.analysis.query<{ n: bigint }>(
        "SELECT count(*) AS n FROM units WHERE code = 'GONE'",
      );
      expect(seen).toEqual([{ n: 1n }]);
      throw new Error('refused');
    }),
  ).rejects.toThrow('refused');
  // … and nobody else, ever
  expect(await names(a, ['GONE'])).toEqual([]);
  expect(await names(b, ['GONE'])).toEqual([]);
  await expect(addUnit(a, 'P1')).rejects.toThrow(/duplicate key/);
  expect(await names(b, ['P1'])).toEqual(['P1:P1社区']);
});
