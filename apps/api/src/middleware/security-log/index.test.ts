import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { validSubmission } from '../../../test/fixture.ts';
import { appOn, call, login, origin, peopleStore, signIn } from '../../../test/people.ts';
import type { SecurityEvent } from './index.ts';

let store: Store;
/** Every line the app logged, as written. */
const lines: string[] = [];
let app: ReturnType<typeof appOn>;
beforeAll(async () => {
  ({ store } = await peopleStore());
  app = appOn(store, {
    securityLog: (line) => lines.push(line),
    auth: { loginThrottle: { perUsername: 3, perAddress: 100 } },
    invitations: { guessThrottle: { perAddress: 2 } },
  });
});
afterAll(() => store.close());

/** The events logged while `run` ran. */
async function logged(run: () => unknown): Promise<SecurityEvent[]> {
  const from = lines.length;
  await run();
  const fresh = lines.slice(from);
  for (const line of fresh) expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
  return fresh.map((line) => JSON.parse(line) as SecurityEvent);
}

describe('the security log', () => {
  it('logs a failed sign-in without the password, and a crafted name cannot forge a line', async () => {
    const forged = 'x\n{"event":"login.ok","username":"city"}\r\n';
    const events = await logged(() => login(app, forged, 'hunter2-secret'));
    expect(events).toEqual([
      expect.objectContaining({
        event: 'login.failed',
        status: 401,
        method: 'POST',
        path: '/api/v1/auth/login',
        username: forged,
      }),
    ]);
    expect(lines.at(-1)).not.toContain('hunter2');
    expect(lines.at(-1)).toMatch(/^\{.*\}$/);
  });

  it('logs the throttle of repeated failures', async () => {
    const events = await logged(async () => {
      for (let i = 0; i < 4; i++) await login(app, 'east', `wrong-${i}`);
    });
    expect(events.map((e) => e.event)).toEqual([
      'login.failed',
      'login.failed',
      'login.failed',
      'login.throttled',
    ]);
    expect(events.every((e) => e.username === undefined || e.username === 'east')).toBe(true);
  });

  it('logs refused authorization with who asked, and not a page asking who is signed in', async () => {
    const cookie = await signIn(app, 'community');
    const events = await logged(async () => {
      await call(app, 'GET', '/audit', { cookie });
      await call(app, 'GET', '/audit');
      await call(app, 'GET', '/auth/me');
    });
    expect(events).toEqual([
      expect.objectContaining({ event: 'access.refused', status: 403, path: '/api/v1/audit' }),
      expect.objectContaining({ event: 'access.refused', status: 401, path: '/api/v1/audit' }),
    ]);
    expect(events[0]!.user).toEqual({ id: expect.any(String), role: 'community_staff' });
    expect(events[1]!.user).toBeUndefined();
  });

  it('logs CSRF refusals', async () => {
    const cookie = await signIn(app, 'city');
    const events = await logged(() =>
      call(app, 'POST', '/campaigns/2026/transition', {
        cookie,
        body: { to: 'closed' },
        headers: { origin: 'https://evil.example' },
      }),
    );
    expect(events).toEqual([expect.objectContaining({ event: 'csrf.refused', status: 403 })]);
  });

  it('logs invitation guessing without the tokens or the answers', async () => {
    const token = 'Z'.repeat(26);
    const events = await logged(async () => {
      for (let i = 0; i < 4; i++)
        await call(app, 'GET', `/invitations/check?community=C1&t=${token}${i}`);
      const body = { ...validSubmission(), invitation: `${token}9` };
      body.answers.grid = 'C1G1';
      body.answers.suggestion = '我的电话13812345678';
      await call(app, 'POST', '/responses', { body });
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.event === 'invitation.throttled' && e.status === 429)).toBe(true);
    const text = lines.slice(-events.length).join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain('13812345678');
    expect(text).not.toMatch(/127\.0\.0\.1|unknown/); // the address is hashed
    expect(events[0]!.client).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('logs nothing for ordinary answers', async () => {
    const cookie = await signIn(app, 'city');
    const events = await logged(async () => {
      await call(app, 'GET', '/health');
      await call(app, 'GET', '/audit', { cookie });
      await app.request('/api/v1/communities', { headers: { origin } });
    });
    expect(events).toEqual([]);
  });
});
