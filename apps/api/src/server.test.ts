import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { pages, startServer, type RunningServer } from './server.ts';
import { testStore } from '../test/fixture.ts';

let store: Store;
let server: RunningServer;
beforeAll(async () => {
  for (const dist of Object.values(pages))
    expect(existsSync(join(dist, 'index.html')), `${dist} is not built: run npm run build`).toBe(
      true,
    );
  store = await testStore();
  server = await startServer({ store, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

describe('startServer', () => {
  it('serves the API, the survey page for any community path and the dashboard on one port', async () => {
    expect(await (await fetch(`${server.url}/api/v1/health`)).json()).toEqual({ status: 'ok' });
    const survey = await fetch(`${server.url}/s/C1`);
    expect(survey.status).toBe(200);
    expect(await survey.text()).toContain('lang="zh-CN"');
    const dashboard = await fetch(`${server.url}/dashboard/`);
    expect(dashboard.status).toBe(200);
    expect((await fetch(`${server.url}/`, { redirect: 'manual' })).headers.get('location')).toBe(
      '/dashboard/',
    );
  });

  it('compresses the pages and lets browsers keep the hashed assets', async () => {
    const html = await (await fetch(`${server.url}/s/C1`)).text();
    const script = /src="(\/s\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const res = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const page = await fetch(`${server.url}/s/C1`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });
});
