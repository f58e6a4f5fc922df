import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedScoredRegion } from '../../api/test/scoredRegion.ts';
import { shot, startAdminServer, type Account, type AdminServer } from './adminServer.ts';
import { watchPage } from './browser.ts';

// Role-aware dashboards (issue 5 §3): street staff sign in to the same views as leaders and read
// their own street whole and the other units as the public site shows them, once the year is
// published. Every view draws for them without a script error, and the results the page is given
// hold no other unit with fewer than 10 responses.

const staff: Account = {
  username: 'jiedao',
  password: 'password-of-street-staff',
  displayName: '街道工作人员',
  role: 'street_staff',
  scope: 'D01S01',
};

let server: AdminServer;
let page: Page;
/** The rows of every `GET /results/:year` the page received. */
const received: { code: string; n: number | null }[][] = [];

beforeAll(async () => {
  server = await startAdminServer({
    seed: async (store: Store) => {
      await seedScoredRegion(store);
      await setCampaignState(store, 2026, 'finalized');
      await setCampaignState(store, 2026, 'published');
    },
    accounts: [staff],
  });
  const context = await server.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  page = await context.newPage();
  watchPage(page, server.watch);
  page.on('response', async (response) => {
    if (/\/api\/v1\/results\/\d{4}(\?|$)/.test(response.url()) && response.status() === 200) {
      const body = (await response.json()) as {
        rows: { code: string; resident?: { n: number } }[];
      };
      received.push(body.rows.map((r) => ({ code: r.code, n: r.resident?.n ?? null })));
    }
  });
  await page.goto(`${server.url}/dashboard/?year=2026#overview`);
  await page.locator('#login:not([hidden])').waitFor();
  await page.locator('#login input[name=username]').fill(staff.username);
  await page.locator('#login input[name=password]').fill(staff.password);
  await page.locator('#login button[type=submit]').click();
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const views = ['overview', 'streets', 'two-way', 'burden', 'year-over-year', 'heatmap', 'profile'];

it('draws every results view for street staff of a published year', async () => {
  for (const view of views) {
    await page.goto(`${server.url}/dashboard/?year=2026#${view}`);
    await page.locator(`.view-body[data-view="${view}"][data-drawn=true]`).waitFor();
    await shot(page, `staff-${view}-1280`);
  }
  expect(server.watch.pageErrors.map((e) => e.message)).toEqual([]);
  const origin = new URL(server.url).origin;
  expect(server.watch.requested.filter((u) => !u.startsWith(origin))).toEqual([]);
}, 120_000);

it('was given no other unit with fewer than 10 responses', () => {
  expect(received.length).toBeGreaterThan(0);
  for (const rows of received) {
    expect(rows.length).toBeGreaterThan(1);
    const small = rows.filter((r) => !r.code.startsWith('D01S01') && r.n !== null && r.n < 10);
    expect(small).toEqual([]);
  }
});
