import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unitsFromRegionRows } from '@manyi/domain/region';
import { listAudit, machineActor } from '../src/audit.ts';
import { hashPassword, verifyPassword } from '../src/passwords.ts';
import { replaceRegions } from '../src/regions.ts';
import { activeSession, closeSession, defaultSessionPolicy, openSession } from '../src/sessions.ts';
import { openStore, type Store } from '../src/Store.ts';
import { createUser, disableUser, listUsers, loginRecord } from '../src/users.ts';
import { UserRefusedError } from '../src/UserRefusedError.ts';
import { testRegion } from './importFixture.ts';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('正确的马电池钉');
    expect(await verifyPassword('正确的马电池钉', hash)).toBe(true);
    expect(await verifyPassword('正确的马电池钉 ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash and records its parameters with it', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password'),
      hashPassword('same password'),
    ]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$ln=15,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    const cheaper = await hashPassword('same password', { ln: 12, r: 8, p: 1 });
    expect(cheaper).toMatch(/^scrypt\$ln=12,/);
    expect(await verifyPassword('same password', cheaper)).toBe(true);
  });

  it('matches a password typed in full-width form, and never matches a damaged hash', async () => {
    const hash = await hashPassword('Password1');
    expect(await verifyPassword('Ｐａｓｓｗｏｒｄ１', hash)).toBe(true);
    for (const damaged of [
      '',
      'plain',
      hash.replace('ln=15', 'ln=40'),
      hash.slice(0, -10),
      `${hash}$x`,
    ])
      expect(await verifyPassword('Password1', damaged)).toBe(false);
  });
});

describe('users and sessions', () => {
  let store: Store;
  const owner = machineActor();
  const evaluator = {
    username: 'KaoPing',
    displayName: '考评办',
    role: 'evaluator' as const,
    scope: null,
    password: 'secret-pass-1',
  };

  beforeEach(async () => {
    store = await openStore({ path: ':memory:' });
    await replaceRegions(store, unitsFromRegionRows(testRegion));
  });
  afterEach(() => store.close());

  it('stores a scrypt hash, never the password, and logs the creation without secrets', async () => {
    const user = await createUser(store, evaluator, owner);
    expect(user).toMatchObject({
      username: 'kaoping',
      role: 'evaluator',
      scope: null,
      disabled: false,
    });
    const record = await loginRecord(store, 'KAOPING');
    expect(record!.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('secret-pass-1', record!.passwordHash)).toBe(true);
    const [entry] = await listAudit(store, { action: 'user.create' });
    expect(entry).toMatchObject({
      actor: { via: 'cli' },
      target: `user:${user.id}`,
      after: { username: 'kaoping', role: 'evaluator', scope: null },
    });
    const log = JSON.stringify(await store.query('SELECT * FROM audit_log'), (_, v) =>
      typeof v === 'bigint' ? Number(v) : v,
    );
    expect(log).not.toContain('secret-pass-1');
    expect(log).not.toContain(record!.passwordHash.split('$')[3]);
    expect(await listUsers(store)).toEqual([user]);
  });

  it('refuses a taken username (in any case), an unknown scope, and a scope at the wrong level', async () => {
    await createUser(store, evaluator, owner);
    const taken = await createUser(store, { ...evaluator, username: 'kaoPING' }, owner).catch(
      (e: unknown) => e,
    );
    expect((taken as UserRefusedError).reason).toBe('exists');
    const unknown = await createUser(
      store,
      { ...evaluator, username: 'x1', scope: 'NOPE' },
      owner,
    ).catch((e: unknown) => e);
    expect((unknown as UserRefusedError).reason).toBe('scope');
    const level = await createUser(
      store,
      { ...evaluator, username: 'x2', role: 'community_staff', scope: '0101' },
      owner,
    ).catch((e: unknown) => e);
    expect((level as UserRefusedError).reason).toBe('scope');
    expect((level as Error).message).toMatch(/社区工作人员.*community/);
    await expect(
      createUser(
        store,
        { ...evaluator, username: 'x3', role: 'community_staff', scope: '010101' },
        owner,
      ),
    ).resolves.toMatchObject({ scope: '010101' });
    expect((await listUsers(store)).length).toBe(2);
  });

  it('keeps only a hash of the session token, and ends a session when idle, too old, closed or disabled', async () => {
    const user = await createUser(store, evaluator, owner);
    const t0 = new Date('2026-11-20T09:00:00+08:00');
    const hour = 3600_000;
    const at = (h: number) => new Date(t0.getTime() + h * hour);
    const opened = await openSession(store, user, t0);
    expect(opened.expiresAt).toEqual(at(7 * 24));
    const stored = JSON.stringify(await store.query('SELECT * FROM sessions'));
    expect(stored).not.toContain(opened.token);

    expect((await activeSession(store, opened.token, at(11)))!.user).toMatchObject({
      id: user.id,
      role: 'evaluator',
    });
    expect(await activeSession(store, opened.token, at(11 + 12))).toBeUndefined(); // idle 12 h
    expect(await activeSession(store, 'not-a-token', at(1))).toBeUndefined();

    const busy = await openSession(store, user, t0);
    for (let h = 10; h < 7 * 24; h += 10)
      expect(await activeSession(store, busy.token, at(h))).toBeDefined();
    expect(await activeSession(store, busy.token, at(7 * 24))).toBeUndefined(); // 7 days, however busy

    const closed = await openSession(store, user, at(200));
    await closeSession(store, (await activeSession(store, closed.token, at(200)))!, at(200));
    expect(await activeSession(store, closed.token, at(200))).toBeUndefined();

    const disabled = await openSession(store, user, at(300));
    await disableUser(store, 'kaoping', owner);
    expect(await activeSession(store, disabled.token, at(300))).toBeUndefined();
    expect((await listAudit(store)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.login', 'auth.logout', 'user.disable']),
    );
    expect(defaultSessionPolicy.idleMs).toBe(12 * hour);
  });
});
