import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { createApp } from '../../app.ts';
import { pages, startServer, type RunningServer } from '../../server.ts';
import { testStore } from '../../../test/fixture.ts';

let store: Store;
let server: RunningServer;
beforeAll(async () => {
  store = await testStore();
  server = await startServer({ store, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

/** The directives of a policy, each as `name value…`, in a set. */
const directives = (policy: string | null) =>
  new Set(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().replace(/\s+/g, ' '))
      .filter(Boolean),
  );

/** Checks the headers every response must carry. */
function expectSecure(res: Response) {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  // plain http here: no HSTS (it would pin a name that has no certificate)
  expect(res.headers.get('strict-transport-security')).toBeNull();
}

describe('secure headers on every response', () => {
  it('marks API answers, refusals, 404s, the pages and their assets', async () => {
    const paths = [
      '/api/v1/health',
      '/api/v1/results/2026', // 401
      '/api/v1/no-such-route',
      '/nowhere',
      '/s/C1',
      '/dashboard/',
      '/dashboard/admin.html',
    ];
    for (const path of paths) {
      const res = await fetch(`${server.url}${path}`);
      expectSecure(res);
      if (path.startsWith('/s/')) {
        const script = /src="(\/s\/assets\/[^"]+\.js)"/.exec(await res.text())?.[1];
        expectSecure(await fetch(`${server.url}${script}`));
      } else await res.body?.cancel();
    }
    const refused = await fetch(`${server.url}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(refused.status).toBe(415);
    expectSecure(refused);
  });

  it('agrees with the policy the survey page states in its <meta>', () => {
    const html = readFileSync(join(pages.survey, 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    return app404Policy().then((header) => {
      // frame-ancestors cannot be given in a <meta>: the header adds it
      header.delete("frame-ancestors 'none'");
      expect([...header].sort()).toEqual([...directives(meta!)].sort());
    });
  });

  it('sends HSTS only to a request that came over https', async () => {
    const app = createApp({ store, auth: { trustProxy: true } });
    const viaTls = await app.request('/api/v1/health', {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'manyi.example.gov.cn' },
    });
    expect(viaTls.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    const plain = await createApp({ store }).request('/api/v1/health', {
      headers: { 'x-forwarded-proto': 'https' }, // not trusted without a proxy
    });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers a crash with 500 and nothing about the internals', async () => {
    const app = createApp({ store });
    app.get('/api/v1/test-only/crash', () => {
      throw new Error('SELECT secret FROM /var/lib/manyi/manyi.duckdb');
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request('/api/v1/test-only/crash');
    quiet.mockRestore();
    expect(res.status).toBe(500);
    expectSecure(res);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: expect.stringMatching(/服务器出错/) });
    expect(body).not.toMatch(/secret|duckdb|manyi\.|at |Error/);
  });

  it('keeps the stricter policy a printed SVG sets itself', async () => {
    const app = createApp({ store });
    app.get('/api/v1/test-only/svg', (c) => {
      c.header('Content-Security-Policy', "default-src 'none'; sandbox");
      return c.body('<svg/>', 200, { 'content-type': 'image/svg+xml' });
    });
    const res = await app.request('/api/v1/test-only/svg');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });
});

/** The policy of a 404 from the API, as a set of directives. */
async function app404Policy() {
  const res = await createApp({ store }).request('/api/v1/nothing');
  return directives(res.headers.get('content-security-policy'));
}
