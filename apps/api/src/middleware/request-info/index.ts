import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The origin the browser sees (`https://manyi.example.gov.cn`). Behind a reverse proxy that
 * terminates TLS (`trustProxy`), it comes from X-Forwarded-Proto and X-Forwarded-Host; never
 * trust those headers without one, since any client can send them.
 */
export function requestOrigin(c: Context, trustProxy = false): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = lastOf(c.req.header('x-forwarded-proto')) ?? url.protocol.slice(0, -1);
  const host = lastOf(c.req.header('x-forwarded-host')) ?? url.host;
  return `${proto}://${host}`;
}

/** Whether the browser reached us over https (then cookies are Secure). */
export function isHttps(c: Context, trustProxy = false): boolean {
  return requestOrigin(c, trustProxy).startsWith('https:');
}

/**
 * The client's address, for throttling: the socket's peer, or behind a trusted proxy the address
 * that proxy appended last to X-Forwarded-For. `unknown` when there is no socket (`app.request`).
 */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = lastOf(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The last entry of a comma-separated header (the one the nearest proxy wrote). */
function lastOf(header: string | undefined): string | undefined {
  const last = header?.split(',').pop()?.trim();
  return last || undefined;
}
