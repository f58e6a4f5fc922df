import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@manyi/api/server';
import { seedDemo } from '@manyi/demo/seedDemo';
import { machineActor } from '@manyi/store/audit';
import { responsesTable } from '@manyi/store/exportTables';
import { openStore, type Store } from '@manyi/store/Store';
import { tableBytes } from '@manyi/store/tableFile';
import { createUser } from '@manyi/store/users';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPage, type PageWatch } from './browser.ts';
import type { Distribution } from '../src/admin/adminApi.ts';

// The evaluator pages as an evaluator uses them: built by Vite, served by the API's server on a
// DuckDB temp file seeded with a small demo, driven by headless Chromium. Screenshots go to
// SCREENSHOT_DIR (default a temp folder) for a person to look at.

const screenshotDir = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'manyi-admin-screenshots');
const evaluator = { username: 'kpb', password: 'manyi-e2e-2026' };

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
/** MANYI_PUBLIC_DIR before the test, restored after it. */
const publicDirBefore = process.env.MANYI_PUBLIC_DIR;
/** Every address a page asked for (none may leave the host), every script error. */
const watch: PageWatch = { requested: [], pageErrors: [] };
const { requested, pageErrors } = watch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'manyi-admin-'));
  // published sites go to the temp folder, not the repository's data/public
  process.env.MANYI_PUBLIC_DIR = join(dir, 'public');
  store = await openStore({ path: join(dir, 'manyi.duckdb') });
  await seedDemo(store, {
    yearOptions: {
      responsesPerCommunity: { median: 14, logSd: 0.3, min: 8, max: 24 },
      smallSampleShare: 0,
      twoWay: false,
    },
  });
  await createUser(
    store,
    { ...evaluator, displayName: '考评办 王芳', role: 'evaluator', scope: null },
    machineActor(),
  );
  server = await startServer({ store, port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close().catch(() => {});
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (publicDirBefore === undefined) delete process.env.MANYI_PUBLIC_DIR;
  else process.env.MANYI_PUBLIC_DIR = publicDirBefore;
});

describe('evaluator pages', () => {
  let page: Page;

  it('says so when the password is wrong, and signs in with the right one', async () => {
    page = await openAdmin(1280, 800);
    await signIn(page, evaluator.username, 'not-the-password');
    await expect.poll(() => page.locator('#login-error').textContent()).toBe('用户名或密码错误');
    await page.screenshot({ path: join(screenshotDir, 'admin-login-error-1280x800.png') });
    await signIn(page, evaluator.username, evaluator.password);
    await expect
      .poll(() => page.locator('#who-name').textContent())
      .toBe('考评办 王芳 · 考评办 · 全市');
    expect(await page.locator('#login').isHidden()).toBe(true);
  });

  it('lists the years with their states and offers only the allowed transitions', async () => {
    const rows = page.locator('#campaign-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await stateOf(page, 2026)).toBe('进行中');
    expect(await stateOf(page, 2025)).toBe('已结束');
    expect(await buttonsOf(page, 2026)).toEqual(['结束答卷']);
    expect(await buttonsOf(page, 2025)).toEqual(['重新开放', '定稿']);
    await page.screenshot({ path: join(screenshotDir, 'admin-campaigns-1280x800.png') });
  });

  it('closes the open year and opens it again', async () => {
    await transition(page, 2026, 'closed');
    await expect.poll(() => stateOf(page, 2026)).toBe('已结束');
    expect(await page.locator('#status').textContent()).toContain('2026 年度测评已改为「已结束」');
    await transition(page, 2026, 'open');
    await expect.poll(() => stateOf(page, 2026)).toBe('进行中');
  });

  it('finalizes a year and reopens it only with a reason', async () => {
    await transition(page, 2025, 'finalized');
    await expect.poll(() => stateOf(page, 2025)).toBe('已定稿');
    expect(await buttonsOf(page, 2025)).toEqual(['发布', '撤销定稿']);
    await row(page, 2025).locator('button[data-to=closed]').click();
    await page.locator('.confirm-form button[type=submit]').click();
    await expect.poll(() => page.locator('.confirm-form .error').textContent()).toBe('请填写理由');
    expect(await stateOf(page, 2025)).toBe('已定稿');
    await page.locator('.confirm-form input[name=reason]').fill('补录纸质问卷后重新计分');
    await page.screenshot({ path: join(screenshotDir, 'admin-reopen-1280x800.png') });
    await page.locator('.confirm-form button[type=submit]').click();
    await expect.poll(() => stateOf(page, 2025)).toBe('已结束');
  });

  it('creates a draft year', async () => {
    await page.locator('#create-campaign input[name=year]').fill('2027');
    await page.locator('#create-campaign button[type=submit]').click();
    await expect.poll(() => stateOf(page, 2027)).toBe('草稿');
    expect(await buttonsOf(page, 2027)).toEqual(['开放答卷']);
  });

  it('raises the response rate’s denominator when paper questionnaires are entered', async () => {
    await page.locator('#tabs a[data-view=rates]').click();
    const table = page.locator('table[data-level=community]');
    await table.locator('tbody tr').first().waitFor();
    expect(await page.locator('#year-picker select').inputValue()).toBe('2026');
    const community = table.locator('tbody tr').first();
    const code = (await community.getAttribute('data-code'))!;
    const before = communityRate(await distribution(2026), code);
    expect(before.validResponses).toBeGreaterThan(0);
    expect(await community.locator('td.rate').textContent()).toBe(formatRate(before.responseRate));
    await page.screenshot({ path: join(screenshotDir, 'admin-rates-1280x800.png') });

    await community.locator('input[name=paperHandedOut]').fill('40');
    await community.locator('button[type=submit]').click();
    const expected = before.validResponses / (before.invitations + 40);
    const updated = table.locator(`tr[data-code="${code}"]`);
    await expect.poll(() => updated.locator('td.rate').textContent()).toBe(formatRate(expected));
    expect(await updated.locator('input[name=paperHandedOut]').inputValue()).toBe('40');
    expect(communityRate(await distribution(2026), code).paperHandedOut).toBe(40);

    const poster = await updated.locator('td.posters a', { hasText: 'PNG' }).getAttribute('href');
    expect(poster).toBe(`/api/v1/invitations/2026/poster/${code}.png`);
    const printed = await page.request.get(`${server.url}${poster}`);
    expect(printed.status()).toBe(200);
    expect(printed.headers()['content-type']).toBe('image/png');
    await page.screenshot({ path: join(screenshotDir, 'admin-rates-saved-1280x800.png') });
  });

  it(
    'runs the quality checks and excludes a flagged response with a reason',
    { timeout: 90_000 },
    async () => {
      await page.locator('#tabs a[data-view=quality]').click();
      await expect
        .poll(() => page.locator('#quality-summary .run').textContent())
        .toMatch(/^尚未运行质量检查。 [\d,]+ 份答卷尚未检查。$/);
      await page.locator('#rerun-flags').click();
      await expect
        .poll(() => page.locator('#quality-summary .run').textContent())
        .toContain('最近一次检查');
      expect(await figure(page, 'flagged')).toBeGreaterThan(0);
      expect(await figure(page, 'excluded')).toBe(0);
      const counted = await figure(page, 'counted');

      const first = page.locator('#review-table tbody tr[data-status=flagged]').first();
      const id = (await first.getAttribute('data-id'))!;
      await first.locator('button[data-action=exclude]').click();
      await page.locator('.decision-form button[type=submit]').click();
      await expect
        .poll(() => page.locator('.decision-form .error').textContent())
        .toBe('请填写理由');
      await page.locator('.decision-form input[name=reason]').fill('同一住户重复作答,核实后排除');
      await page.screenshot({ path: join(screenshotDir, 'admin-quality-1280x800.png') });
      await page.locator('.decision-form button[type=submit]').click();
      await expect.poll(() => figure(page, 'excluded')).toBe(1);
      // a flagged response already stood outside scoring: excluding it leaves the count alone
      expect(await figure(page, 'counted')).toBe(counted);

      await page.locator('#quality-filters select[name=status]').selectOption('excluded');
      await expect.poll(() => page.locator('#review-table tbody tr').count()).toBe(1);
      const excluded = page.locator(`#review-table tr[data-id="${id}"]`);
      expect(await excluded.locator('.status-cell').textContent()).toBe(
        '已排除理由:同一住户重复作答,核实后排除(kpb)',
      );
      await page.screenshot({ path: join(screenshotDir, 'admin-quality-excluded-1280x800.png') });
    },
  );

  it('signs out', async () => {
    await page.locator('#logout').click();
    await page.locator('#login').waitFor();
    expect(await page.locator('#who').isHidden()).toBe(true);
    await page.reload();
    await page.locator('#login').waitFor();
    await page.context().close();
  });

  it('fits a phone screen', async () => {
    const phone = await openAdmin(390, 844);
    await phone.screenshot({ path: join(screenshotDir, 'admin-login-390x844.png') });
    await signIn(phone, evaluator.username, evaluator.password);
    await phone.locator('#campaign-table').waitFor();
    for (const view of ['campaigns', 'rates', 'quality']) {
      await phone.locator(`#tabs a[data-view=${view}]`).click();
      await phone.locator('#view table').first().waitFor();
      expect(await horizontalOverflow(phone), view).toBe(0);
      await phone.screenshot({ path: join(screenshotDir, `admin-${view}-390x844.png`) });
      await phone.locator('#view table').last().scrollIntoViewIfNeeded();
      await phone.screenshot({ path: join(screenshotDir, `admin-${view}-390x844-table.png`) });
    }
    await phone.context().close();
  });

  it(
    'imports paper questionnaires: lists a bad file’s rows, then imports the fixed file',
    { timeout: 60_000 },
    async () => {
      page = await openAdmin(1280, 800);
      await signIn(page, evaluator.username, evaluator.password);
      await page.locator('#campaign-table').waitFor();
      await page.locator('#tabs a[data-view=rates]').click();
      await page.locator('#import-form').waitFor();

      // three paper questionnaires of one community, copied from stored answers under new ids
      const stored = await responsesTable(store, 2026, 'resident');
      const communityColumn = stored.columns.indexOf('community_code');
      // a community with something handed out (entered above), so that it has a rate to change
      const code = (await distribution(2026)).communities.find(
        (c) =>
          c.responseRate !== null &&
          stored.rows.filter((r) => r[communityColumn] === c.code).length >= 3,
      )!.code!;
      const rows = stored.rows
        .filter((r) => r[communityColumn] === code)
        .slice(0, 3)
        .map((r, i) => [`paper-${i + 1}`, ...r.slice(1)]);
      expect(rows).toHaveLength(3);
      const bad = rows.map((r, i) =>
        i === 1 ? r.map((c, j) => (j === communityColumn ? 'X999' : c)) : r,
      );
      const badFile = join(dir, '纸质问卷-有错.csv');
      writeFileSync(badFile, await tableBytes({ columns: stored.columns, rows: bad }, 'csv'));
      const goodFile = join(dir, '纸质问卷.csv');
      writeFileSync(goodFile, await tableBytes({ columns: stored.columns, rows }, 'csv'));

      const before = communityRate(await distribution(2026), code);
      await page.locator('#import-form input[type=file]').setInputFiles(badFile);
      await page.locator('#import-form button[type=submit]').click();
      const errors = page.locator('#import-form .row-errors li');
      await expect.poll(() => errors.count()).toBe(1);
      expect(await errors.first().getAttribute('data-row')).toBe('3');
      expect(await errors.first().getAttribute('data-field')).toBe('community_code');
      expect(await errors.first().textContent()).toMatch(/^第 3 行「community_code」列:.*X999/);
      expect(await page.locator('#import-form .error').first().textContent()).toContain(
        '未导入任何问卷',
      );
      expect(communityRate(await distribution(2026), code).validResponses).toBe(
        before.validResponses,
      );
      await page.screenshot({ path: join(screenshotDir, 'admin-import-errors-1280x800.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await horizontalOverflow(page)).toBe(0);
      await page.locator('#import-form').screenshot({
        path: join(screenshotDir, 'admin-import-errors-390x844.png'),
      });
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.locator('#import-form input[type=file]').setInputFiles(goodFile);
      await page.locator('#import-form button[type=submit]').click();
      await expect
        .poll(() => page.locator('#import-form .imported').textContent())
        .toBe('已导入 3 份问卷(1 个社区/村)。');
      const after = communityRate(await distribution(2026), code);
      expect(after.validResponses).toBe(before.validResponses + 3);
      expect(after.responseRate).not.toBe(before.responseRate);
      await page.locator('#view select[name=street]').selectOption(after.parentCode!);
      await expect
        .poll(() =>
          page.locator(`table[data-level=community] tr[data-code="${code}"] td.rate`).textContent(),
        )
        .toBe(formatRate(after.responseRate));
      await page.screenshot({ path: join(screenshotDir, 'admin-import-done-1280x800.png') });
    },
  );

  it(
    'closes the year, scores it, downloads the workbook, finalizes and publishes it',
    { timeout: 120_000 },
    async () => {
      await page.locator('#tabs a[data-view=campaigns]').click();
      await transition(page, 2026, 'closed');
      await expect.poll(() => stateOf(page, 2026)).toBe('已结束');

      await page.locator('#tabs a[data-view=yearEnd]').click();
      await page.locator('#year-picker select').selectOption('2026');
      await page.locator('#run-scoring:not([disabled])').click();
      await expect
        .poll(() => page.locator('#scoring-run dd[data-key=runId]').textContent(), {
          timeout: 60_000,
        })
        .toMatch(/^\d+$/);
      expect(
        Number(await page.locator('#scoring-run dd[data-key=communities]').textContent()),
      ).toBeGreaterThan(0);
      expect(
        Number(await page.locator('#scoring-run dd[data-key=streets]').textContent()),
      ).toBeGreaterThan(0);
      expect(await page.locator('#scoring-run dd[data-key=createdAt]').textContent()).toMatch(
        /^\d{4}\/\d{2}\/\d{2}/,
      );
      // a year not finalized cannot be published yet
      expect(await page.locator('#publish-year').isDisabled()).toBe(true);

      const href = (await page.locator('#workbook-link').getAttribute('href'))!;
      expect(href).toBe('/api/v1/workbook/2026.xlsx');
      const workbook = await page.request.get(`${server.url}${href}`);
      expect(workbook.status()).toBe(200);
      expect(workbook.headers()['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const bytes = await workbook.body();
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      await page.screenshot({ path: join(screenshotDir, 'admin-year-end-1280x800.png') });

      await page.locator('#tabs a[data-view=campaigns]').click();
      await transition(page, 2026, 'finalized');
      await expect.poll(() => stateOf(page, 2026)).toBe('已定稿');

      await page.locator('#tabs a[data-view=yearEnd]').click();
      await page.locator('#publish-year:not([disabled])').click();
      const link = page.locator('#public-link a');
      await link.waitFor({ timeout: 60_000 });
      expect(await link.getAttribute('href')).toBe('/public/2026/');
      expect(await page.locator('#status').textContent()).toContain('已发布 2026 年度测评结果');
      expect(await page.locator('#run-scoring').isDisabled()).toBe(true);
      await page.screenshot({ path: join(screenshotDir, 'admin-year-end-published-1280x800.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await horizontalOverflow(page)).toBe(0);
      await page.screenshot({
        path: join(screenshotDir, 'admin-year-end-390x844.png'),
        fullPage: true,
      });

      const site = await page.context().newPage();
      site.on('pageerror', (error) => pageErrors.push(error));
      const opened = await site.goto(`${server.url}/public/2026/`);
      expect(opened?.status()).toBe(200);
      const ranking = site.locator('table tbody tr');
      await ranking.first().waitFor();
      expect(await ranking.count()).toBeGreaterThan(0);
      expect(await site.locator('table td.rank').first().textContent()).toMatch(/\d/);
      await site.screenshot({ path: join(screenshotDir, 'public-2026-1280x800.png') });
      await page.context().close();
    },
  );

  it('tells a throttled sign-in to wait', async () => {
    const other = await openAdmin(390, 844);
    for (let attempt = 0; attempt < 5; attempt++) {
      await signIn(other, 'intruder', `guess-${attempt}-password`);
      await expect.poll(() => other.locator('#login-error').textContent()).toBe('用户名或密码错误');
      await other.locator('#login-error').evaluate((e) => (e.textContent = ''));
    }
    await signIn(other, 'intruder', 'guess-5-password');
    await expect
      .poll(() => other.locator('#login-error').textContent())
      .toMatch(/^登录失败次数过多,请 \d+ 分钟后再试$/);
    await other.screenshot({ path: join(screenshotDir, 'admin-throttled-390x844.png') });
    await other.context().close();
  });

  it('raised no script error and asked nothing of any other host', () => {
    expect(pageErrors).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});

/** A fresh page at the evaluator pages, at the given viewport size, once it knows who is signed in. */
async function openAdmin(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  watchPage(page, watch);
  await page.goto(`${server.url}/dashboard/admin.html`);
  await page.locator('#login:not([hidden]), #who:not([hidden])').first().waitFor();
  return page;
}

/** Fills and sends the login form. */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#login input[name=username]').fill(username);
  await page.locator('#login input[name=password]').fill(password);
  await page.locator('#login button[type=submit]').click();
}

/** A year's row in the campaign table. */
function row(page: Page, year: number) {
  return page.locator(`#campaign-table tr[data-year="${year}"]`);
}

/** The state a year's row shows. */
function stateOf(page: Page, year: number): Promise<string | null> {
  return row(page, year).locator('.state').textContent();
}

/** The transition buttons a year's row offers. */
function buttonsOf(page: Page, year: number): Promise<string[]> {
  return row(page, year).locator('.actions button').allTextContents();
}

/** Clicks a year's transition button and confirms it without a reason. */
async function transition(page: Page, year: number, to: string): Promise<void> {
  await row(page, year).locator(`button[data-to=${to}]`).click();
  await page.locator('.confirm-form button[type=submit]').click();
}

/** A figure of the quality summary, as a number. */
async function figure(page: Page, key: string): Promise<number> {
  const text = await page.locator(`#quality-summary .figure[data-key=${key}] .value`).textContent();
  return Number(text!.replace(/,/g, ''));
}

/** How far the page is wider than the screen (0: it fits). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** The year's response rates, straight from the API as the evaluator. */
async function distribution(year: number): Promise<Distribution> {
  const cookie = await signedInCookie();
  const response = await fetch(`${server.url}/api/v1/distribution/${year}`, {
    headers: { cookie },
  });
  return (await response.json()) as Distribution;
}

/** A community's row of the response rates. */
function communityRate(data: Distribution, code: string) {
  const found = data.communities.find((c) => c.code === code);
  if (!found) throw new Error(`no community ${code}`);
  return found;
}

/** The session cookie of a sign-in by script (no Origin header: the API lets scripts sign in). */
let cookieOfScript: string | undefined;
async function signedInCookie(): Promise<string> {
  if (cookieOfScript) return cookieOfScript;
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(evaluator),
  });
  cookieOfScript = response.headers.getSetCookie()[0]!.split(';')[0]!;
  return cookieOfScript;
}

/** A rate as the page writes it. */
function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
