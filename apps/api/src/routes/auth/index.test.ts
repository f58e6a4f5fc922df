import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, machineActor } from '@manyi/store/audit';
import type { Store } from '@manyi/store/Store';
import { disableUser } from '@manyi/store/users';
import { appOn, call, cookieOf, login, origin, peopleStore, signIn } from '../../../test/people.ts';

let store: Store;
beforeAll(async () => {
  ({ store } = await peopleStore());
});
afterAll(() => store.close());

describe('POST /api/v1/auth/login', () => {
  it('signs in with an HttpOnly, SameSite=Lax session cookie, and /me tells who it is', async () => {
    const app = appOn(store);
    const res = await login(app, 'City', 'password-of-city');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown>; expiresAt: string };
    expect(body.user).toMatchObject({ username: 'city', role: 'evaluator', scope: null });
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^manyi_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const me = await call(app, 'GET', '/auth/me', { cookie: cookieOf(res) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      user: { username: 'city' },
      expiresAt: body.expiresAt,
    });
  });

  it('marks the cookie Secure over https (directly, or behind a trusted proxy)', async () => {
    const direct = await appOn(store).request('https://manyi.example/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://manyi.example' },
      body: JSON.stringify({ username: 'boss', password: 'password-of-boss' }),
    });
    expect(direct.headers.get('set-cookie')).toMatch(/; Secure/);
    const proxied = await login(
      appOn(store, { auth: { trustProxy: true } }),
      'boss',
      'password-of-boss',
      {
        'x-forwarded-proto': 'https',
        origin: 'https://localhost',
      },
    );
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('gives an unknown user and a wrong password the same answer, after the same scrypt work', async () => {
    const app = appOn(store);
    const timed = async (username: string) => {
      const started = performance.now();
      const res = await login(app, username, 'not-the-password');
      return {
        status: res.status,
        body: await res.json(),
        ms: performance.now() - started,
        cookie: res.headers.get('set-cookie'),
      };
    };
    await timed('warm-up'); // the decoy hash is made on first use
    const unknown = await timed('nobody');
    const wrong = await timed('street');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ error: '用户名或密码错误 / wrong username or password' });
    expect(unknown.cookie).toBeNull();
    // scrypt at N = 2^15 takes tens of milliseconds anywhere; both paths pay it
    expect(unknown.ms).toBeGreaterThan(5);
    expect(wrong.ms).toBeGreaterThan(5);
  });

  it('refuses a disabled account as it refuses a wrong password', async () => {
    const { store: own } = await peopleStore();
    try {
      await disableUser(own, 'west', machineActor());
      const res = await login(appOn(own), 'west', 'password-of-west');
      expect(res.status).toBe(401);
    } finally {
      await own.close();
    }
  });

  it('throttles a username after 5 failures: the 6th attempt is 429, even with the right password', async () => {
    let now = new Date('2026-11-20T09:00:00+08:00').getTime();
    const app = appOn(store, { auth: { now: () => new Date(now) } });
    for (let i = 0; i < 5; i++)
      expect((await login(app, 'community', 'wrong-password')).status).toBe(401);
    const sixth = await login(app, 'community', 'password-of-community');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBe(600);
    expect(((await sixth.json()) as { error: string }).error).toMatch(
      /登录失败次数过多.*too many failed sign-ins/,
    );
    expect((await login(app, 'COMMUNITY', 'wrong-password')).status).toBe(429); // the same name, however typed
    expect((await login(app, 'street', 'password-of-street')).status).toBe(200); // others are not locked out
    now += 10 * 60_000 + 1;
    expect((await login(app, 'community', 'password-of-community')).status).toBe(200);
  });

  it('throttles a client address that tries many names (behind a trusted proxy)', async () => {
    const app = appOn(store, { auth: { trustProxy: true, loginThrottle: { perAddress: 5 } } });
    const from = (address: string) => ({ 'x-forwarded-for': `10.0.0.9, ${address}` });
    for (let i = 0; i < 5; i++)
      expect((await login(app, `guess${i}`, 'x', from('203.0.113.7'))).status).toBe(401);
    expect((await login(app, 'city', 'password-of-city', from('203.0.113.7'))).status).toBe(429);
    expect((await login(app, 'city', 'password-of-city', from('198.51.100.1'))).status).toBe(200);
  });

  it('refuses a body that is not JSON of the right shape', async () => {
    const app = appOn(store);
    const form = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: 'username=city&password=x',
    });
    expect(form.status).toBe(415);
    const shape = await call(app, 'POST', '/auth/login', { body: { username: 'city' } });
    expect(shape.status).toBe(400);
    expect(await shape.json()).toMatchObject({ errors: [{ field: 'password' }] });
  });
});

describe('sessions', () => {
  it('ends with logout: the cookie is cleared and the token no longer works', async () => {
    const app = appOn(store);
    const cookie = await signIn(app, 'east');
    const out = await call(app, 'POST', '/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^manyi_session=; Max-Age=0;/);
    expect((await call(app, 'GET', '/auth/me', { cookie })).status).toBe(401);
    const [entry] = await listAudit(store, { action: 'auth.logout' });
    expect(entry).toMatchObject({ actor: { via: 'api', username: 'east' } });
  });

  it('ends after 12 idle hours and 7 days in all', async () => {
    let now = new Date('2026-11-20T09:00:00+08:00').getTime();
    const hour = 3600_000;
    const app = appOn(store, { auth: { now: () => new Date(now) } });
    const idle = await signIn(app, 'boss');
    now += 11 * hour;
    expect((await call(app, 'GET', '/auth/me', { cookie: idle })).status).toBe(200);
    now += 12 * hour;
    expect((await call(app, 'GET', '/auth/me', { cookie: idle })).status).toBe(401);

    const busy = await signIn(app, 'boss');
    for (let h = 0; h < 7 * 24 - 11; h += 11) {
      now += 11 * hour;
      expect((await call(app, 'GET', '/auth/me', { cookie: busy })).status).toBe(200);
    }
    now += 11 * hour;
    expect((await call(app, 'GET', '/auth/me', { cookie: busy })).status).toBe(401);
  });

  it('ignores a forged or malformed cookie', async () => {
    const app = appOn(store);
    for (const cookie of ['manyi_session=x', `manyi_session=${'A'.repeat(43)}`, 'manyi_session='])
      expect((await call(app, 'GET', '/auth/me', { cookie })).status).toBe(401);
  });
});
