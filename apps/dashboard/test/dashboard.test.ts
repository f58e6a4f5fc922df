import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@manyi/api/server';
import { seedDemo } from '@manyi/demo/seedDemo';
import { openStore, type Store } from '@manyi/store/Store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPage, type PageWatch } from './browser.ts';
import type { LiveScores } from '../src/liveApi.ts';

// The real thing: the dashboard built by Vite, served by the API's server on a DuckDB temp file
// seeded with the demo, read by headless Chromium. Screenshots go to SCREENSHOT_DIR (default a
// temp folder) for a person to look at.

const screenshotDir = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'manyi-dashboard-screenshots');

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
/** Every address a page asked for (none may leave the host), every script error. */
const watch: PageWatch = { requested: [], pageErrors: [] };
const { requested, pageErrors } = watch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'manyi-dashboard-'));
  store = await openStore({ path: join(dir, 'manyi.duckdb') });
  await seedDemo(store);
  server = await startServer({ store, port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close().catch(() => {});
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dashboard', () => {
  let page: Page;

  it('draws a mark for every community with a score, and a table of them all', async () => {
    page = await openDashboard(1280, 800);
    const live = await liveScores(2026);
    const scored = live.communities.filter((c) => c.score != null);
    expect(scored.length).toBeGreaterThan(200);
    expect(await page.locator('#chart figure svg circle').count()).toBe(scored.length);
    expect(await page.locator('#table-section tbody tr').count()).toBe(live.communities.length);
    const total = live.communities.reduce((sum, c) => sum + c.n, 0);
    await expect.poll(() => page.locator('#live-label').textContent()).toContain('实时 · 暂定');
    expect(await page.locator('#live-label').textContent()).toContain(
      `共 ${total.toLocaleString('zh-CN')} 份答卷`,
    );
    expect(await page.locator('select[name=year]').inputValue()).toBe('2026');
    await page.screenshot({ path: join(screenshotDir, 'dashboard-1280x800.png') });
  });

  it('tells the community, street, score and sample size of the dot pointed at', async () => {
    const live = await liveScores(2026);
    await page
      .locator('#chart figure svg g[aria-label=dot]')
      .last()
      .locator('circle')
      .nth(3)
      .hover();
    const tip = page.locator('#chart figure svg g[aria-label=tip]');
    await expect.poll(() => tip.textContent()).toContain('样本量');
    // one line per channel: a zero-width space, the label, a space, the value
    const lines = (await tip.locator('text > tspan').allTextContents()).map((t) =>
      t.replace(/\u200b/g, ''),
    );
    const community = live.communities.find((c) => lines[0] === `社区 ${c.name}`);
    expect(community, lines.join('|')).toBeDefined();
    expect(lines.slice(1)).toEqual([
      `街道 ${community!.streetName}`,
      `得分 ${community!.score!.toFixed(1)}`,
      `样本量 ${community!.n}`,
      ...(community!.n < 30 ? ['备注 样本不足'] : []),
    ]);
    await page.screenshot({ path: join(screenshotDir, 'dashboard-tip-1280x800.png') });
    await page.mouse.move(0, 0);
  });

  it('shows a response just submitted once the page refreshes', async () => {
    const before = await liveScores(2026);
    const target = before.communities
      .filter((c) => c.score != null)
      .sort((a, b) => a.n - b.n || a.code.localeCompare(b.code))[0]!;
    const row = page.locator(`#table-section tr[data-code="${target.code}"]`);
    expect(await row.locator('td').nth(1).textContent()).toBe(String(target.n));
    const dotsBefore = await dotPositions(page);

    const response = await fetch(`${server.url}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        submissionId: `e2e-dashboard-${target.code}`,
        community: target.code,
        answers: await lowestAnswers(target.code),
      }),
    });
    expect(response.status).toBe(201);

    // The page refreshes on focus (and every 10 s); focus makes the test quick.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe(String(target.n + 1));
    const after = (await liveScores(2026)).communities.find((c) => c.code === target.code)!;
    expect(after.score!).toBeLessThan(target.score!);
    expect(await row.locator('td').nth(2).textContent()).toBe(after.score!.toFixed(1));
    expect(await dotPositions(page)).not.toEqual(dotsBefore);
  });

  it('filters by district and by urban/rural, keeping the choice in the address', async () => {
    const live = await liveScores(2026);
    const district = live.communities[0]!.districtCode;
    await page.locator('select[name=district]').selectOption(district);
    await page.locator('select[name=kind]').selectOption('rural');
    const expected = live.communities.filter(
      (c) => c.districtCode === district && c.kind === 'rural' && c.score != null,
    ).length;
    await expect.poll(() => page.locator('#chart figure svg circle').count()).toBe(expected);
    expect(new URL(page.url()).search).toBe(`?year=2026&district=${district}&kind=rural`);
    await page.locator('#table-section summary').click();
    expect(await page.locator('#table-section tbody tr').count()).toBe(
      live.communities.filter((c) => c.districtCode === district && c.kind === 'rural').length,
    );
    await page.locator('#table-section').screenshot({ path: join(screenshotDir, 'table.png') });
    await page.locator('select[name=year]').selectOption('2025');
    await expect.poll(() => page.locator('#live-label').textContent()).toContain('2025年');
    expect(await page.locator('select[name=district]').inputValue()).toBe(district);
  });

  it('fits a phone screen', async () => {
    const phone = await openDashboard(390, 844);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await phone.screenshot({ path: join(screenshotDir, 'dashboard-390x844.png') });
    await phone.screenshot({
      path: join(screenshotDir, 'dashboard-390x844-full.png'),
      fullPage: true,
    });
    await phone.context().close();
  });

  it('keeps the chart and says so when the server cannot be reached', async () => {
    await server.close();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.locator('#status').textContent()).toContain('刷新失败');
    expect(await page.locator('#chart figure svg circle').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'dashboard-error-1280x800.png') });
  });

  it('raised no script error and asked nothing of any other host', () => {
    expect(pageErrors).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});

/** A fresh page at the dashboard, at the given viewport size, once its chart is drawn. */
async function openDashboard(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  watchPage(page, watch);
  await page.goto(`${server.url}/dashboard/`);
  await page.locator('#chart figure svg circle').first().waitFor();
  return page;
}

/** The year's live scores, straight from the API. */
async function liveScores(year: number): Promise<LiveScores> {
  const response = await fetch(`${server.url}/api/v1/live/${year}`);
  return (await response.json()) as LiveScores;
}

/** Where the chart's dots are drawn, to tell that the data behind them changed. */
function dotPositions(page: Page): Promise<string[]> {
  return page
    .locator('#chart figure svg circle')
    .evaluateAll((circles) =>
      circles.map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`),
    );
}

/** Answers to the community's form: every required question at its lowest (非常不满意) choice. */
async function lowestAnswers(community: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/api/v1/surveys/resident?community=${community}`);
  const form = (await response.json()) as { pages: { elements: FormElement[] }[] };
  const answers: Record<string, unknown> = {};
  for (const element of form.pages.flatMap((p) => p.elements)) {
    if (!element.isRequired) continue;
    if (element.type === 'rating') answers[element.name] = element.rateMin ?? 1;
    else {
      const values = (element.choices ?? []).map((c) => (typeof c === 'object' ? c.value : c));
      const numbers = values.filter((v): v is number => typeof v === 'number');
      answers[element.name] = numbers.length ? Math.min(...numbers) : values[0];
    }
  }
  return answers;
}

/** The parts of a SurveyJS question the answers above need. */
interface FormElement {
  type: string;
  name: string;
  isRequired?: boolean;
  rateMin?: number;
  choices?: (string | number | { value: string | number })[];
}
