import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { isHttps } from '../request-info/index.ts';

export interface SecureResponseOptions {
  /** Behind a reverse proxy: read https from X-Forwarded-Proto (for HSTS). Default false. */
  trustProxy?: boolean;
}

/**
 * The policy of every page and answer: scripts and everything else only from our own origin,
 * never framed. Styles may be inline: SurveyJS and Plot write `style` attributes and `<style>`
 * elements. Kept equal to the `<meta>` policy of apps/survey/index.html.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  mediaSrc: ["'self'"],
  frameSrc: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Secure headers on every response (API answers, pages, errors, 404s): the CSP above,
 * `nosniff`, `Referrer-Policy: no-referrer` (invitation tokens travel in page URLs), no framing,
 * and HSTS only on a request that came over https. A header a handler set itself is kept (a
 * printed SVG carries a stricter, sandboxing policy).
 *
 * @example app.use('*', secureResponses({ trustProxy: false }))
 */
export function secureResponses(options: SecureResponseOptions = {}): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
    overwrite: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (isHttps(c, options.trustProxy) && !c.res.headers.has('Strict-Transport-Security'))
      c.res.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
