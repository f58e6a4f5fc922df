import { Hono } from 'hono';
import { loginSchema, normalizeUsername } from '@manyi/domain/user';
import { hashPassword, verifyPassword } from '@manyi/store/passwords';
import { closeSession, openSession } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { loginRecord } from '@manyi/store/users';
import { jsonBody, jsonLimit } from '../../middleware/json-body/index.ts';
import { clientAddress } from '../../middleware/request-info/index.ts';
import {
  clearSessionCookie,
  sessionPolicyOf,
  setSessionCookie,
  type AuthEnv,
  type AuthOptions,
} from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';
import { LoginThrottle } from './LoginThrottle.ts';

/**
 * `POST /auth/login` `{ username, password }` → 200 `{ user, expiresAt }` and the session cookie;
 * 401 for a wrong username or password alike (same message, same scrypt work); 429 after
 * repeated failures. `POST /auth/logout` → 204, the session gone. `GET /auth/me` → 200
 * `{ user, expiresAt }`, or 401.
 */
export function auth(store: Store, options: AuthOptions = {}) {
  const policy = sessionPolicyOf(options);
  const now = options.now ?? (() => new Date());
  const throttle = new LoginThrottle({ ...options.loginThrottle, now: () => now().getTime() });
  let decoy: Promise<string> | undefined;

  return new Hono<AuthEnv>()
    .post('/login', jsonLimit, async (c) => {
      const body = await jsonBody(c, loginSchema);
      if (body instanceof Response) return body;
      const keys = {
        username: normalizeUsername(body.username),
        address: clientAddress(c, options.trustProxy),
      };
      const wait = throttle.retryAfter(keys);
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        return problem(
          c,
          429,
          `登录失败次数过多,请 ${minutes} 分钟后再试`,
          `too many failed sign-ins: try again in ${minutes} min`,
        );
      }
      const record = await loginRecord(store, body.username);
      // An unknown name costs the same scrypt as a known one, so timing tells nothing.
      const matches = await verifyPassword(
        body.password,
        record?.passwordHash ?? (await (decoy ??= hashPassword(crypto.randomUUID()))),
      );
      if (!record || !matches || record.disabled) {
        throttle.fail(keys);
        return problem(c, 401, '用户名或密码错误', 'wrong username or password');
      }
      throttle.succeed(keys);
      const user = {
        id: record.id,
        username: record.username,
        displayName: record.displayName,
        role: record.role,
        scope: record.scope,
      };
      const at = now();
      const opened = await openSession(store, user, at, policy);
      setSessionCookie(c, opened, options, at);
      c.header('Cache-Control', 'no-store');
      return c.json({ user, expiresAt: opened.expiresAt.toISOString() });
    })
    .post('/logout', async (c) => {
      const session = c.get('session');
      if (session) await closeSession(store, session, now());
      clearSessionCookie(c, options);
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const session = c.get('session');
      c.header('Cache-Control', 'no-store');
      if (!session) return problem(c, 401, '请先登录', 'sign in first');
      return c.json({ user: session.user, expiresAt: session.expiresAt.toISOString() });
    });
}
