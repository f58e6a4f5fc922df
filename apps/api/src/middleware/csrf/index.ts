import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { problem } from '../../problem.ts';
import { requestOrigin } from '../request-info/index.ts';
import { noteCsrfRefusal } from '../security-log/index.ts';
import { sessionCookie } from '../session/index.ts';

export interface SameOriginOptions {
  trustProxy?: boolean;
  /** Origins besides the request's own that may send writes. */
  allowedOrigins?: readonly string[];
  /** Paths open to writes from anywhere: residents' anonymous submissions. */
  exempt?: readonly string[];
}

const safeMethod = /^(GET|HEAD|OPTIONS)$/;

/**
 * CSRF protection for every unsafe request (SameSite=Lax cookies are the first line; this is the
 * second). A request that names its origin must name ours (or an allowed one): the `Origin`
 * header, or else `Sec-Fetch-Site: same-origin`. A request carrying the session cookie must name
 * it, since every browser does; one without the cookie and without either header (a script
 * signing in) passes. Sign-in is covered too, against login CSRF.
 */
export function sameOriginWrites(options: SameOriginOptions = {}): MiddlewareHandler {
  const exempt = new Set(options.exempt ?? []);
  return async (c, next) => {
    if (safeMethod.test(c.req.method) || exempt.has(c.req.path)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    let allowed: boolean;
    if (origin !== undefined)
      allowed =
        origin === requestOrigin(c, options.trustProxy) ||
        (options.allowedOrigins ?? []).includes(origin);
    else if (site !== undefined) allowed = site === 'same-origin';
    else allowed = getCookie(c, sessionCookie) === undefined;
    if (!allowed) {
      noteCsrfRefusal(c);
      return problem(
        c,
        403,
        '请求来源不被允许,请从本系统页面操作',
        'cross-origin request refused: use the pages of this site',
      );
    }
    return next();
  };
}
