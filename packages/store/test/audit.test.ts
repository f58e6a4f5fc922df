import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit, listAudit, systemActor, withoutSecrets } from '../src/audit.ts';
import { openStore, type Store } from '../src/Store.ts';

let store: Store;
beforeEach(async () => {
  store = await openStore({ path: ':memory:' });
});
afterEach(() => store.close());

const count = async (table: string) =>
  Number((await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('audit', () => {
  it('commits with the write it records', async () => {
    await store.transaction(async (db) => {
      await db.run("INSERT INTO campaigns VALUES (2026, 't', NULL, NULL, 'draft')");
      await audit(db, {
        actor: systemActor,
        action: 'campaign.create',
        target: 'campaign:2026',
        year: 2026,
        after: { title: 't' },
      });
    });
    expect(await count('campaigns')).toBe(1);
    expect(await listAudit(store)).toMatchObject([
      { id: 1, action: 'campaign.create', after: { title: 't' }, before: null },
    ]);
  });

  it('rolls back with the write it records', async () => {
    await expect(
      store.transaction(async (db) => {
        await db.run("INSERT INTO campaigns VALUES (2026, 't', NULL, NULL, 'draft')");
        await audit(db, { actor: systemActor, action: 'campaign.create', target: 'campaign:2026' });
        throw new Error('the write fails after its entry');
      }),
    ).rejects.toThrow(/fails/);
    expect(await count('campaigns')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it('never keeps a password, token or hash, at any depth', async () => {
    const record = {
      name: 'a',
      password: 'p',
      nested: [{ sessionToken: 't', passwordHash: 'h', keep: 1 }],
      apiSecret: 's',
    };
    expect(withoutSecrets(record)).toEqual({ name: 'a', nested: [{ keep: 1 }] });
    await store.transaction((db) =>
      audit(db, {
        actor: systemActor,
        action: 'x.y',
        target: 'x:1',
        before: record,
        after: record,
      }),
    );
    const [entry] = await listAudit(store);
    expect(entry!.before).toEqual({ name: 'a', nested: [{ keep: 1 }] });
  });

  it('pages newest first and filters by year and action', async () => {
    await store.transaction(async (db) => {
      for (const [action, year] of [
        ['campaign.open', 2025],
        ['user.create', null],
        ['campaign.close', 2026],
      ] as const)
        await audit(db, { actor: systemActor, action, target: 't', year });
    });
    expect((await listAudit(store)).map((e) => e.id)).toEqual([3, 2, 1]);
    expect((await listAudit(store, { beforeId: 3, limit: 1 })).map((e) => e.id)).toEqual([2]);
    expect((await listAudit(store, { year: 2026 })).map((e) => e.action)).toEqual([
      'campaign.close',
    ]);
    expect((await listAudit(store, { action: 'campaign.' })).map((e) => e.action)).toEqual([
      'campaign.close',
      'campaign.open',
    ]);
    expect((await listAudit(store, { action: 'campaign' })).length).toBe(0);
  });
});
