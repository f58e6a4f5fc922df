import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../session/index.ts';
import { clientAddress } from '../request-info/index.ts';

/** Where security events go: one line of JSON each, without its line break. */
export type SecuritySink = (line: string) => void;

export interface SecurityLogOptions {
  /** Default: standard error, one line per event. */
  sink?: SecuritySink;
  /** Read the client address from X-Forwarded-For (behind a proxy). */
  trustProxy?: boolean;
  /** The clock (tests move it). */
  now?: () => Date;
}

/** What happened. */
export type SecurityEventName =
  | 'login.failed'
  | 'login.throttled'
  | 'invitation.throttled'
  | 'rate.limited'
  | 'csrf.refused'
  | 'access.refused';

/** One security event as logged: never an answer, a password, a token or a client address. */
export interface SecurityEvent {
  at: string;
  event: SecurityEventName;
  status: number;
  method: string;
  /** The path without its query (where invitation tokens travel), cut to 120 characters. */
  path: string;
  /** The client address as a salted hash (the salt lives as long as the process). */
  client: string;
  /** The signed-in account, if any. */
  user?: { id: string; role: string };
  /** For a failed sign-in: the name tried, cut to 64 characters. */
  username?: string;
}

/** Writes to standard error. */
export const stderrSink: SecuritySink = (line) => process.stderr.write(`${line}\n`);

/**
 * Logs the API's refusals as structured security events, one JSON line each: failed and
 * throttled sign-ins, refused authorization (401/403), rate-limit hits (429) and CSRF refusals.
 * It reads only what the answer was, so no route has to remember to log. `JSON.stringify`
 * escapes line breaks, so a crafted username cannot forge a second event.
 *
 * @example api.use('*', securityLog({ sink: (line) => lines.push(line) }))
 */
export function securityLog(options: SecurityLogOptions = {}): MiddlewareHandler<AuthEnv> {
  const sink = options.sink ?? stderrSink;
  const now = options.now ?? (() => new Date());
  const salt = randomBytes(16);
  return async (c, next) => {
    await next();
    const event = eventOf(c);
    if (!event) return;
    const session = c.get('session');
    const logged: SecurityEvent = {
      at: now().toISOString(),
      event,
      status: c.res.status,
      method: c.req.method,
      path: c.req.path.slice(0, 120),
      client: createHash('sha256')
        .update(salt)
        .update(clientAddress(c, options.trustProxy))
        .digest('base64url')
        .slice(0, 16),
      ...(session && { user: { id: session.user.id, role: session.user.role } }),
      ...(event === 'login.failed' && { username: await triedUsername(c) }),
    };
    try {
      sink(JSON.stringify(logged));
    } catch {
      // a broken log must not turn a refusal into a 500
    }
  };
}

const refusedByCsrf = new WeakSet<Request>();

/** Marks a request the CSRF check refused, so that its 403 is logged as such. */
export function noteCsrfRefusal(c: Context): void {
  refusedByCsrf.add(c.req.raw);
}

const refusedByRateLimit = new WeakSet<Request>();

/** Marks a request a rate limit refused, so that its 429 is logged as `rate.limited`. */
export function noteRateLimit(c: Context): void {
  refusedByRateLimit.add(c.req.raw);
}

/** The event an answer stands for, or undefined for an ordinary one. */
function eventOf(c: Context<AuthEnv>): SecurityEventName | undefined {
  const { status } = c.res;
  const login = c.req.method === 'POST' && /\/auth\/login$/.test(c.req.path);
  if (refusedByCsrf.has(c.req.raw)) return 'csrf.refused';
  if (refusedByRateLimit.has(c.req.raw)) return 'rate.limited';
  if (status === 429)
    return login
      ? 'login.throttled'
      : /\/(invitations\/check|responses)$/.test(c.req.path)
        ? 'invitation.throttled'
        : 'rate.limited';
  if (status === 401 && login) return 'login.failed';
  // asking who is signed in is how a page starts: its 401 refuses nothing
  if (status === 401 && /\/auth\/me$/.test(c.req.path)) return undefined;
  if (status === 401 || status === 403) return 'access.refused';
  return undefined;
}

/** The username of a failed sign-in (the body was read already: Hono keeps it). */
async function triedUsername(c: Context): Promise<string | undefined> {
  try {
    const body = (await c.req.json()) as { username?: unknown };
    return typeof body.username === 'string' ? body.username.slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}
