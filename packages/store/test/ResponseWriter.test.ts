import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations.ts';
import { openStore, type Store } from '../src/Store.ts';
import { newResponse } from './newResponse.ts';

let store: Store;
beforeEach(async () => {
  store = await openStore({ path: ':memory:', commitDelayMs: 5 });
});
afterEach(() => store.close());

const count = async (table: string) =>
  Number((await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('ResponseWriter', () => {
  it('commits submissions that arrive together in one transaction', async () => {
    const before = store.version;
    const stored = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.responses.submit(newResponse(`client-${i}`))),
    );
    expect(new Set(stored.map((s) => s.id)).size).toBe(200);
    expect(await count('responses')).toBe(200);
    expect(await count('answers')).toBe(200);
    expect(store.version - before).toBeLessThanOrEqual(2); // one commit (two if a timer split them)
  });

  it('gives a retry in the same batch and a later retry the first id', async () => {
    const [a, b] = await Promise.all([
      store.responses.submit(newResponse('same-1')),
      store.responses.submit(newResponse('same-1', 2)),
    ]);
    const c = await store.responses.submit(newResponse('same-1', 3));
    expect([a!.duplicate, b!.duplicate, c.duplicate]).toEqual([false, true, true]);
    expect(new Set([a!.id, b!.id, c.id]).size).toBe(1);
    expect(await count('responses')).toBe(1);
  });

  it('stores a batch mixing new submissions with a retry of a stored one, with no stray rows', async () => {
    const first = await store.responses.submit(newResponse('mixed-stored'));
    const batch = await Promise.all([
      store.responses.submit(newResponse('mixed-new-1')),
      store.responses.submit(newResponse('mixed-stored', 1)),
      store.responses.submit(newResponse('mixed-new-2')),
    ]);
    expect(batch.map((s) => s.duplicate)).toEqual([false, true, false]);
    expect(batch[1]!.id).toBe(first.id);
    expect(await count('responses')).toBe(3);
    expect(await count('answers')).toBe(3);
    const orphans = await store.query(
      'SELECT * FROM answers WHERE response_id NOT IN (SELECT id FROM responses)',
    );
    expect(orphans).toEqual([]);
  });

  it('does not let one failing submission sink the others of its batch', async () => {
    const bad = { ...newResponse('bad-1'), instrument: null as unknown as string }; // NOT NULL violation
    const results = await Promise.allSettled([
      store.responses.submit(newResponse('good-1')),
      store.responses.submit(bad),
      store.responses.submit(newResponse('good-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count('responses')).toBe(2);
    expect(await count('answers')).toBe(2);
  });

  it('imports all or nothing', async () => {
    await store.responses.appendAll([newResponse('imp-1')]);
    await expect(
      store.responses.appendAll([newResponse('imp-2'), newResponse('imp-1')]),
    ).rejects.toThrow(/already stored/);
    expect(await count('responses')).toBe(1);
    await expect(
      store.responses.appendAll([newResponse('imp-5'), newResponse('imp-5')]),
    ).rejects.toThrow(/appears twice/);
    const bad = { ...newResponse('imp-3'), year: Number.NaN };
    await expect(store.responses.appendAll([newResponse('imp-4'), bad])).rejects.toThrow();
    expect(await count('responses')).toBe(1);
    expect(await count('answers')).toBe(1);
  });
});

describe('openStore', () => {
  it('applies migrations once and keeps data across reopen', async () => {
    const path = `${(await import('node:os')).tmpdir()}/manyi-reopen-${process.pid}-${Date.now()}.duckdb`;
    const first = await openStore({ path });
    expect(await openStore({ path })).toBe(first); // one instance per file per process
    await first.responses.submit(newResponse('keep-1'));
    await first.close();
    const second = await openStore({ path });
    expect(second).not.toBe(first);
    const versions = await second.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
    expect((await second.query('SELECT client_id FROM responses')).length).toBe(1);
    await second.close();
  });
});
