import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  activeSession,
  defaultSessionPolicy,
  type ActiveSession,
  type OpenedSession,
  type SessionPolicy,
} from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { isHttps } from '../request-info/index.ts';

/** How accounts and sessions behave; every field has a default fit for one machine serving a city. */
export interface AuthOptions {
  /** Behind a reverse proxy: read https, host and client address from its X-Forwarded-* headers. Default false. */
  trustProxy?: boolean;
  /** Origins besides the API's own whose pages may send signed-in writes (e.g. a separate dashboard host). */
  allowedOrigins?: readonly string[];
  /** Idle and absolute lifetimes of a session. */
  sessionPolicy?: Partial<SessionPolicy>;
  /** Failed sign-ins allowed per username and per client address within a window. */
  loginThrottle?: { perUsername?: number; perAddress?: number; windowMs?: number };
  /** The clock (tests move it). */
  now?: () => Date;
}

/** What the session middleware gives every handler: the request's session, or null. */
export type AuthEnv = { Variables: { session: ActiveSession | null } };

/** The cookie that carries the session token. */
export const sessionCookie = 'manyi_session';

/** A token as `openSession` makes them (32 random bytes, base64url); anything else is not looked up. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Reads the session cookie and puts the signed-in session (or null) on the context as `session`.
 * Signs nobody out and refuses nothing: `requireRole` and friends decide.
 */
export function session(store: Store, options: AuthOptions = {}): MiddlewareHandler<AuthEnv> {
  const policy = sessionPolicyOf(options);
  const now = options.now ?? (() => new Date());
  return async (c, next) => {
    const token = getCookie(c, sessionCookie);
    c.set(
      'session',
      token && tokenPattern.test(token)
        ? ((await activeSession(store, token, now(), policy)) ?? null)
        : null,
    );
    await next();
  };
}

/** The session policy with defaults filled in. */
export function sessionPolicyOf(options: AuthOptions): SessionPolicy {
  return { ...defaultSessionPolicy, ...options.sessionPolicy };
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https, gone at the absolute expiry. */
export function setSessionCookie(
  c: Context,
  opened: OpenedSession,
  options: AuthOptions,
  now: Date,
): void {
  setCookie(c, sessionCookie, opened.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, options.trustProxy),
    maxAge: Math.max(0, Math.floor((opened.expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(c: Context, options: AuthOptions): void {
  deleteCookie(c, sessionCookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, options.trustProxy),
  });
}
