import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreYear } from '@manyi/scoring/scoreYear';
import { listAudit } from '@manyi/store/audit';
import { getCampaign, setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { call } from '../../../test/people.ts';
import { yearEndStore, type YearEndAccount } from '../../../test/yearEndStore.ts';
import { startServer, type RunningServer } from '../../server.ts';

let store: Store;
let app: Awaited<ReturnType<typeof yearEndStore>>['app'];
let cookies: Record<YearEndAccount, string>;
let server: RunningServer;
let publicDir: string;
const configured = process.env.MANYI_PUBLIC_DIR;

beforeAll(async () => {
  publicDir = mkdtempSync(join(tmpdir(), 'manyi-public-'));
  process.env.MANYI_PUBLIC_DIR = publicDir;
  ({ store, app, cookies } = await yearEndStore());
  await scoreYear(store, 2026, { seed: 5 });
  server = await startServer({ store, port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(async () => {
  if (configured === undefined) delete process.env.MANYI_PUBLIC_DIR;
  else process.env.MANYI_PUBLIC_DIR = configured;
  await server.close();
  await store.close();
});

const publish = (who: YearEndAccount, year = 2026) =>
  call(app, 'POST', `/campaigns/${year}/publish`, { cookie: cookies[who] });
const site = (path: string) => fetch(`${server.url}/public/${path}`, { redirect: 'manual' });

describe('POST /api/v1/campaigns/:year/publish and /public/:year/', () => {
  it('refuses a year that is not finalized, and writes nothing', async () => {
    const res = await publish('chief');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/须先定稿.*finalize/);
    await setCampaignState(store, 2026, 'closed');
    expect((await publish('chief')).status).toBe(409);
    expect(existsSync(join(publicDir, '2026'))).toBe(false);
    expect((await publish('chief', 2031)).status).toBe(404);
  });

  it('serves nothing before the year is published', async () => {
    await setCampaignState(store, 2026, 'finalized');
    // a site left in the folder is not served until the year is published
    mkdirSync(join(publicDir, '2026'));
    writeFileSync(join(publicDir, '2026', 'index.html'), 'draft');
    expect((await site('2026/')).status).toBe(404);
    expect((await site('2026/results-2026.csv')).status).toBe(404);
  });

  it('is for city-wide evaluators only', async () => {
    expect((await publish('district')).status).toBe(403);
    expect((await publish('leader')).status).toBe(403);
    expect((await call(app, 'POST', '/campaigns/2026/publish')).status).toBe(401);
  });

  it('writes the site of a finalized year, moves it to published and serves it', async () => {
    const res = await publish('chief');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      year: 2026,
      state: 'published',
      runId: 1,
      url: '/public/2026/',
    });
    expect((await getCampaign(store, 2026))?.state).toBe('published');
    expect((await listAudit(store, { action: 'results.publish' }))[0]).toMatchObject({
      actor: { username: 'chief' },
      year: 2026,
      after: { runId: 1 },
    });
    const page = await site('2026/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(readFileSync(join(publicDir, '2026', 'index.html'), 'utf8'));
    const csv = await site('2026/results-2026.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await site('2026')).headers.get('location')).toBe('/public/2026/');
    // publishing again rewrites the site of a published year
    expect((await publish('chief')).status).toBe(201);
  });

  it('serves only the files of that year', async () => {
    writeFileSync(join(publicDir, 'secret.html'), 'secret');
    writeFileSync(join(publicDir, '2026', '.hidden.html'), 'hidden');
    for (const path of [
      '2026/..%2Fsecret.html',
      '2026/%2E%2E/secret.html',
      '2026/../secret.html',
      '2026/.hidden.html',
      '2026/missing.html',
      '2026/index.html.1.partial',
      '2025/',
    ])
      expect((await site(path)).status, path).toBe(404);
  });
});
