import { commentThemes } from '@manyi/scoring/commentThemes';
import { latestResults } from '@manyi/scoring/latestResults';
import { profileSummary } from '@manyi/scoring/profileSummary';
import { storedUnitProfile } from '@manyi/scoring/storedUnitProfile';
import { unitComments } from '@manyi/scoring/unitComments';
import type { UnitResult } from '@manyi/scoring/unitResult';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedScoredRegion } from '../../api/test/scoredRegion.ts';
import { shot, startAdminServer, type Account, type AdminServer } from './adminServer.ts';
import { watchPage } from './browser.ts';

// The real thing: the dashboard built by Vite, served by the API on a DuckDB file holding a small
// 示范市 scored for 2025 and 2026, read by headless Chromium signed in as leadership.

const leader: Account = {
  username: 'leader',
  password: 'password-of-leader',
  displayName: '市领导',
  role: 'leadership',
  scope: null,
};

let server: AdminServer;
let page: Page;
let results: UnitResult[];

beforeAll(async () => {
  server = await startAdminServer({
    seed: seedScoredRegion,
    accounts: [leader],
  });
  results = (await latestResults(server.store, 2026))!.results;
  const context = await server.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  watchPage(page, server.watch);
  await page.goto(`${server.url}/dashboard/?year=2026#profile`);
  await page.locator('#login:not([hidden])').waitFor();
  await page.locator('#login input[name=username]').fill(leader.username);
  await page.locator('#login input[name=password]').fill(leader.password);
  await page.locator('#login button[type=submit]').click();
}, 180_000);

afterAll(async () => {
  await server?.close();
});

/** The view once drawn (the page marks it), and its unit's figures once they arrived. */
async function drawn(view: string): Promise<void> {
  await page.locator(`.view-body[data-view=${view}][data-drawn=true]`).waitFor();
  await page.locator(`.view-body[data-view=${view}] [data-unit]:not([aria-busy])`).waitFor();
}

describe('the profile view', () => {
  it("shows the first street's figures, trend, dimensions and the summary to paste", async () => {
    await drawn('profile');
    const street = results.find((r) => r.level === 'street')!;
    const profile = (await storedUnitProfile(server.store, 2026, street.code))!;
    expect(await page.locator('select[name=unit]').inputValue()).toBe(street.code);
    expect(await page.locator('.summary-text').textContent()).toBe(profileSummary(profile));
    expect(await page.locator('.profile-figures').textContent()).toContain(
      `综合得分${street.composite!.toFixed(1)}(${street.compositeLow!.toFixed(1)}–${street.compositeHigh!.toFixed(1)})`,
    );
    // two years of the trend, a dot per measure and year; a row per dimension
    const trend = page.locator('.chart-panel').nth(0);
    expect(await trend.locator('svg [aria-label=dot] circle').count()).toBe(4);
    const dimensions = page.locator('.chart-panel').nth(1);
    expect(await dimensions.locator('svg [aria-label=dot] circle').count()).toBe(
      profile.dimensions.length,
    );
    await shot(page, 'profile-street-1280', true);
  });

  it('copies the summary with 复制', async () => {
    await page.getByRole('button', { name: '复制' }).click();
    await expect.poll(() => page.locator('.copied').textContent()).toContain('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      await page.locator('.summary-text').textContent(),
    );
  });

  it('draws another unit when one is picked, saying 样本不足 instead of a rank', async () => {
    const small = results.find((r) => r.level === 'community' && r.flags.includes('样本不足'))!;
    await page.locator('select[name=unit]').selectOption(small.code);
    await page.locator(`[data-unit="${small.code}"]:not([aria-busy])`).waitFor();
    await expect.poll(() => page.locator('.summary-text').textContent()).toContain('样本不足');
    const summary = await page.locator('.summary-text').textContent();
    expect(summary).toContain(small.name);
    expect(summary).not.toContain('排名第');
    await shot(page, 'profile-small-community-1280', true);
  });
});

describe('the comments view', () => {
  it("lists a street's themes with counts and examples", async () => {
    await page.goto(`${server.url}/dashboard/?year=2026#comments`);
    await drawn('comments');
    const street = results.find((r) => r.level === 'street')!;
    const { comments, responses } = await unitComments(server.store, 2026, street.code);
    const themes = commentThemes(comments, responses);
    if (themes.suppressed) throw new Error('the first street has enough responses');
    const items = page.locator('.theme');
    expect(await items.count()).toBe(themes.themes.length);
    expect(await items.first().locator('.theme-words').textContent()).toBe(
      themes.themes[0]!.words.join(' · '),
    );
    expect(await items.first().locator('.theme-count').textContent()).toBe(
      `${themes.themes[0]!.comments} 条`,
    );
    expect(await items.first().locator('.theme-examples li').count()).toBe(
      themes.themes[0]!.examples.length,
    );
    await shot(page, 'comments-street-1280', true);
  });

  it('shows no comment of a community under 10 responses, only that it is too small', async () => {
    const small = results.find((r) => r.level === 'community' && r.resident.n < 10)!;
    await page.locator('select[name=unit]').selectOption(small.code);
    await page.locator(`[data-unit="${small.code}"]:not([aria-busy])`).waitFor();
    await expect
      .poll(() => page.locator('.suppressed-note').textContent())
      .toContain(`有效答卷 ${small.resident.n} 份,少于 10 份`);
    expect(await page.locator('.theme').count()).toBe(0);
    await shot(page, 'comments-suppressed-1280');
  });

  it('signs out with 退出: the account leaves the masthead, the view asks to sign in, a reload too', async () => {
    expect(await page.locator('#who').isHidden()).toBe(false);
    await page.locator('#logout').click();
    await page.locator('#login:not([hidden])').waitFor();
    expect(await page.locator('#who').isHidden()).toBe(true);
    // the server ended the session: a reload does not bring the figures back
    await page.reload();
    await page.locator('#login:not([hidden])').waitFor();
    expect(await page.locator('.profile-figures').count()).toBe(0);
  });

  it('asked nothing of any other host and threw no script error', () => {
    const origin = new URL(server.url).origin;
    expect(server.watch.requested.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(server.watch.pageErrors.map((e) => e.message)).toEqual([]);
  });
});
