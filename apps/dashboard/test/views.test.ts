import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@manyi/api/server';
import { seedDemo } from '@manyi/demo/seedDemo';
import { latestResults } from '@manyi/scoring/latestResults';
import { responseRates } from '@manyi/scoring/responseRates';
import { scoreYear } from '@manyi/scoring/scoreYear';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { machineActor } from '@manyi/store/audit';
import { createCampaign } from '@manyi/store/campaigns';
import { setPaperHandedOut } from '@manyi/store/distribution';
import { openStore, type Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPage, type PageWatch } from './browser.ts';

// The leadership views end to end: the dashboard built by Vite, served by the API's server on
// a DuckDB temp file holding the demo with 2025 and 2026 scored and paper distribution entered,
// read in headless Chromium by a leadership account. Screenshots of every view at desktop and
// phone size go to SCREENSHOT_DIR (default /tmp/manyi-shots) for a person to look at.

const screenshotDir = process.env.SCREENSHOT_DIR ?? '/tmp/manyi-shots';
const leader = { username: 'lingdao', password: 'manyi-e2e-leader-2026' };
const year = 2026;

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let desktop: BrowserContext;
let results: UnitResult[];
const watch: PageWatch = { requested: [], pageErrors: [] };
/** Console errors of every page (a failed fetch, a script error, a CSP refusal). */
const consoleErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'manyi-views-'));
  store = await openStore({ path: join(dir, 'manyi.duckdb') });
  await seedDemo(store);
  // paper handed out in 2026: about 1.4 questionnaires per valid response, every 9th community none
  const rates = await responseRates(store, year);
  const communities = rates.filter((r) => r.level === 'community');
  for (const [i, c] of communities.entries())
    if (i % 9 !== 0)
      await setPaperHandedOut(
        store,
        {
          year,
          communityCode: c.code!,
          paperHandedOut: Math.ceil(c.validResponses * (1.2 + (i % 5) / 10)),
        },
        machineActor(),
      );
  await scoreYear(store, 2025);
  await scoreYear(store, year);
  results = (await latestResults(store, year))!.results;
  // a year in draft: no results yet
  await createCampaign(
    store,
    { year: 2027, title: '2027年度测评(草稿)', opensAt: null, closesAt: null },
    machineActor(),
  );
  await createUser(
    store,
    { ...leader, displayName: '市领导 李明', role: 'leadership', scope: null },
    machineActor(),
  );
  server = await startServer({ store, port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  desktop = await signedInContext(1280, 800);
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close().catch(() => {});
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Each view: its address, the title of its first chart, and how many charts it draws. */
const views = [
  { id: 'overview', title: `${year}年 社区(村)综合得分分布`, charts: 4 },
  { id: 'streets', title: `${year}年 各街道(乡镇)及其社区(村)综合得分`, charts: 1 },
  { id: 'two-way', title: `${year}年 街道评社区与居民评社区`, charts: 2 },
  { id: 'burden', title: `${year}年 各街道(乡镇)减负情况`, charts: 1 },
  { id: 'year-over-year', title: `${year}年 街道(乡镇)综合得分与上年相比`, charts: 2 },
  { id: 'heatmap', title: `${year}年 各街道(乡镇)分维度居民满意度得分`, charts: 1 },
  { id: 'rates', title: `${year}年 各区县问卷回收率`, charts: 2 },
  { id: 'live', title: `${year}年 各街道(乡镇)社区居民满意度得分`, charts: 1 },
];

describe('leadership views', () => {
  it('asks a visitor to sign in before showing results, then shows them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // not `watched`: the browser logs the expected 401 of GET /auth/me as a console error
    const page = await context.newPage();
    watchPage(page, watch);
    await page.goto(`${server.url}/dashboard/#overview`);
    await page.locator('#login').waitFor();
    expect(await page.locator('#status').textContent()).toContain('请登录后查看「总体概况」');
    expect(await page.locator('#view svg').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'views-login-1280x800.png') });
    await page.locator('#login input[name=username]').fill(leader.username);
    await page.locator('#login input[name=password]').fill(leader.password);
    await page.locator('#login button[type=submit]').click();
    await drawn(page, 'overview');
    expect(await page.locator('#login').isHidden()).toBe(true);
    expect(await page.locator('#who-name').textContent()).toBe('市领导 李明');
    await context.close();
  });

  for (const view of views)
    it(`draws ${view.id} at desktop and phone size`, async () => {
      const page = await watched(desktop);
      await page.goto(`${server.url}/dashboard/?year=${year}#${view.id}`);
      await drawn(page, view.id);
      const figures = page.locator('#view .chart-panel figure');
      expect(await figures.count()).toBe(view.charts);
      expect(await figures.first().locator('h2').textContent()).toBe(view.title);
      expect(
        await figures.first().locator(':scope > svg').last().getAttribute('aria-description'),
      ).toBeTruthy();
      expect(await page.locator('#tabs a[aria-current]').getAttribute('href')).toBe(`#${view.id}`);
      // a data table under every chart, built when unfolded
      const tables = page.locator('#view .chart-panel details');
      expect(await tables.count()).toBe(view.charts);
      await tables.last().locator('summary').click();
      await expect.poll(() => tables.last().locator('table tbody tr').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(screenshotDir, `views-${view.id}-1280x800.png`) });
      await page.screenshot({
        path: join(screenshotDir, `views-${view.id}-1280-full.png`),
        fullPage: true,
      });
      await page.close();

      const phoneContext = await signedInContext(390, 844);
      const phone = await watched(phoneContext);
      await phone.goto(`${server.url}/dashboard/?year=${year}#${view.id}`);
      await drawn(phone, view.id);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await phone.screenshot({ path: join(screenshotDir, `views-${view.id}-390x844.png`) });
      await phoneContext.close();
    });

  it('shows every rank with its interval, and leaves units with too few responses unranked', async () => {
    const page = await watched(desktop);
    await page.goto(`${server.url}/dashboard/?year=${year}#overview`);
    await drawn(page, 'overview');
    for (const summary of await page.locator('#view details summary').all()) await summary.click();
    await expect.poll(() => page.locator('#view details table').count()).toBe(4);
    const ranked = results.find(
      (r) => r.level === 'community' && r.rankInClass && r.rankInClass.low < r.rankInClass.high,
    )!;
    const { rank, low, high } = ranked.rankInClass!;
    const row = page.locator('#view details table tbody tr', { hasText: ranked.name }).first();
    expect(await row.textContent()).toContain(`第 ${rank} 名(${low}–${high})`);
    const few = results.find((r) => r.level === 'community' && r.flags.includes('样本不足'))!;
    const fewRow = page.locator('#view details table tbody tr', { hasText: few.name }).first();
    expect(await fewRow.textContent()).toContain('未排名');
    await page.close();
  });

  it('applies the district, street and urban/rural filters to what is drawn', async () => {
    const page = await watched(desktop);
    await page.goto(`${server.url}/dashboard/?year=${year}#streets`);
    await drawn(page, 'streets');
    const streets = results.filter((r) => r.level === 'street');
    expect(await yLabels(page)).toHaveLength(streets.length);
    const district = streets[0]!.districtCode;
    await page.locator('select[name=district]').selectOption(district);
    await drawn(page, 'streets');
    const inDistrict = streets.filter((s) => s.districtCode === district);
    await expect.poll(() => yLabels(page)).toHaveLength(inDistrict.length);
    expect(new URL(page.url()).search).toBe(`?year=${year}&district=${district}`);
    await page.locator('select[name=kind]').selectOption('rural');
    await drawn(page, 'streets');
    const rural = inDistrict.filter((s) => s.rankingClass === 'rural');
    await expect
      .poll(() => yLabels(page))
      .toEqual(rural.toSorted((a, b) => b.composite! - a.composite!).map((s) => s.name));
    // the street select lists the district's streets; a street narrows the heat map to its communities
    await page.locator('select[name=kind]').selectOption('');
    const street = inDistrict[0]!;
    await page.locator('select[name=street]').selectOption(street.code);
    await page.locator('#tabs a[href="#heatmap"]').click();
    await drawn(page, 'heatmap');
    const communities = results.filter(
      (r) => r.level === 'community' && r.streetCode === street.code,
    );
    await expect.poll(() => yLabels(page)).toHaveLength(communities.length);
    expect(new URL(page.url()).search).toBe(
      `?year=${year}&district=${district}&street=${street.code}`,
    );
    await page.screenshot({
      path: join(screenshotDir, 'views-heatmap-street-1280x800.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('tells what a mark stands for on hover', async () => {
    const page = await watched(desktop);
    for (const [id, mark] of [
      ['streets', 'g[aria-label=dot] circle'],
      ['two-way', 'g[aria-label=dot] circle'],
      ['heatmap', 'g[aria-label=cell] rect'],
      ['burden', 'g[aria-label=bar] rect'],
      ['overview', 'g[aria-label=rect] rect'],
    ] as const) {
      await page.goto(`${server.url}/dashboard/?year=${year}#${id}`);
      await drawn(page, id);
      const first = page.locator('#view .chart-panel').first().locator('figure > svg').last();
      await first.locator(mark).nth(2).hover({ force: true });
      const tip = first.locator('g[aria-label=tip]');
      await expect.poll(() => tip.textContent(), { timeout: 3000 }).not.toBe('');
      expect(await tip.textContent()).not.toContain('undefined');
      if (id === 'streets') {
        const text = (await tip.textContent())!.replace(/\u200b/g, '');
        const community = results.find(
          (r) => r.level === 'community' && text.includes(`社区 ${r.name}`),
        );
        expect(community, text).toBeDefined();
        expect(text).toContain('排名');
        await page.screenshot({ path: join(screenshotDir, 'views-streets-tip-1280x800.png') });
      }
    }
    await page.close();
  });

  it('downloads a chart as a standalone SVG with its title', async () => {
    const page = await watched(desktop);
    await page.goto(`${server.url}/dashboard/?year=${year}#burden`);
    await drawn(page, 'burden');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#view .chart-tools button', { hasText: '下载 SVG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`manyi-burden-${year}.svg`);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(`<title>${year}年 各街道(乡镇)减负情况</title>`);
    await page.close();
  });

  it('prints only the chart whose 打印 button was pressed', async () => {
    const page = await watched(desktop);
    await page.goto(`${server.url}/dashboard/?year=${year}#two-way`);
    await drawn(page, 'two-way');
    // the print dialog does not open headless; the marks stay while the page prints
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.locator('#view .chart-panel').nth(1).locator('button', { hasText: '打印' }).click();
    await page.emulateMedia({ media: 'print' });
    const panels = page.locator('#view .chart-panel');
    expect(await panels.nth(0).isVisible()).toBe(false);
    expect(await panels.nth(1).isVisible()).toBe(true);
    expect(await panels.nth(1).locator('.chart-tools').isVisible()).toBe(false);
    expect(await page.locator('#tabs').isVisible()).toBe(false);
    await page.pdf({ path: join(screenshotDir, 'views-two-way-print.pdf') });
    // once printed, the browser's own print (Ctrl+P) prints the whole view again
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await panels.nth(0).isVisible()).toBe(true);
    expect(await panels.nth(0).locator('.chart-tools').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await panels.nth(0).locator('.chart-tools').isVisible()).toBe(true);
    await page.close();
  });

  it('says so when the chosen year has no results yet', async () => {
    const page = await watched(desktop);
    await page.goto(`${server.url}/dashboard/?year=${year}#overview`);
    await drawn(page, 'overview');
    // the API's 404 for an unscored year is an expected answer, not an error of the page
    const errorsBefore = consoleErrors.length;
    await page.locator('select[name=year]').selectOption('2027');
    await drawn(page, 'overview');
    expect(await page.locator('#view .empty').textContent()).toContain('2027 年度尚无评分结果');
    expect(await page.locator('#view svg').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?year=2027');
    consoleErrors.splice(errorsBefore);
    await page.close();
  });

  it('raised no script or console error and asked nothing of any other host', () => {
    expect(watch.pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(watch.requested.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});

/** A browser context signed in as the leadership account (by script: no Origin header). */
async function signedInContext(width: number, height: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const response = await context.request.post(`${server.url}/api/v1/auth/login`, { data: leader });
  expect(response.status()).toBe(200);
  return context;
}

/** A new page of `context` whose errors the last test checks. */
async function watched(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  watchPage(page, watch);
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

/** Waits until the view has drawn (the page marks it) and returns. */
async function drawn(page: Page, id: string): Promise<void> {
  await page.locator(`#view .view-body[data-view="${id}"][data-drawn]`).waitFor();
}

/** The y-axis labels of the view's first chart. */
function yLabels(page: Page): Promise<string[]> {
  return page
    .locator('#view .chart-panel')
    .first()
    .locator('g[aria-label="y-axis tick label"] text')
    .allTextContents();
}
