import { seedDemo } from '@manyi/demo/seedDemo';
import { machineActor } from '@manyi/store/audit';
import { createUser } from '@manyi/store/users';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  shot,
  signedInAdmin,
  startAdminServer,
  type Account,
  type AdminServer,
} from './adminServer.ts';

// 录入纸质问卷 and 双向评价 as an evaluator and street staff use them: the built pages, the API's
// server on a seeded DuckDB file, headless Chromium; answers checked in the store itself.

const evaluator: Account = {
  username: 'kpb-entry',
  password: 'manyi-entry-2026',
  displayName: '考评办 李明',
  role: 'evaluator',
  scope: null,
};
/** Street staff of the street the test picks (`street`). */
const streetStaff: Account = {
  username: 'jd-staff',
  password: 'manyi-street-2026',
  displayName: '街道 张伟',
  role: 'street_staff',
  scope: null,
};

let server: AdminServer;
/** A community with more than one grid: its form asks for the grid. */
let community: { code: string; name: string; grids: number };
/** The street of the staff account and its communities. */
let street: { code: string; name: string; communities: string[] };

beforeAll(async () => {
  server = await startAdminServer({
    seed: (store) =>
      seedDemo(store, {
        years: [2026],
        yearOptions: {
          responsesPerCommunity: { median: 6, logSd: 0.2, min: 4, max: 10 },
          twoWay: false,
        },
      }),
    accounts: [evaluator],
  });
  [community] = (await server.store.query<typeof community>(
    `SELECT c.code, c.name, count(*)::INTEGER AS grids FROM campaign_units c
     JOIN campaign_units g ON g.year = c.year AND g.parent_code = c.code AND g.level = 'grid'
     WHERE c.year = 2026 AND c.level = 'community'
     GROUP BY c.code, c.name HAVING count(*) > 1 ORDER BY c.code LIMIT 1`,
  )) as [typeof community];
  [street] = (await server.store.query<typeof street>(
    `SELECT s.code, s.name, list(c.code ORDER BY c.code) AS communities
     FROM campaign_units s JOIN campaign_units c ON c.year = s.year AND c.parent_code = s.code
     WHERE s.year = 2026 AND s.level = 'street' AND c.level = 'community'
     GROUP BY s.code, s.name HAVING count(*) >= 2 ORDER BY s.code LIMIT 1`,
  )) as [typeof street];
  await createUser(server.store, { ...streetStaff, scope: street.code }, machineActor());
}, 180_000);

afterAll(() => server?.close());

describe('录入纸质问卷 (paper entry)', () => {
  let page: Page;

  it('opens on a community of the region with its form in entry mode and its count', async () => {
    page = await signedInAdmin(server, evaluator);
    await page.locator('#tabs a[data-view=entry]').click();
    await page.locator('#entry-community').selectOption(community.code);
    await expect.poll(() => page.locator('#entered').textContent()).toContain(community.name);
    expect(await enteredCount(page)).toBe(0);
    // entry mode: no greeting, no progress bar or page buttons, every question on one page
    expect(await page.locator('#entry-survey').textContent()).not.toContain('您好');
    expect(await page.locator('#entry-survey .sd-navigation__complete-btn').count()).toBe(0);
    expect(await page.locator('#entry-survey [data-name=years]').count()).toBe(1);
    // the grid is ticked, not picked from a 选择… dropdown
    expect(await page.locator('#entry-survey [data-name=grid] input[type=radio]').count()).toBe(
      community.grids,
    );
    expect(await page.locator('#entry-survey').textContent()).not.toMatch(/选择\.\.\.|选择。/);
    await shot(page, 'entry-empty-1280x800');
  });

  it('shows the server’s 400 at the question it names, and stores nothing', async () => {
    await page.locator('#paper-id').fill('SF-0001');
    await page.locator('#entry-survey [data-name=grid] input[type=radio]').first().focus();
    // digit keys: 1 ticks the first grid and moves on; the first question is left out, then
    // 2 (the second box) on the 18 questions after it and on the overall rating
    await page.keyboard.press('1');
    await page.locator('#entry-survey [data-name=svc_simple] input[type=radio]').first().focus();
    for (let i = 0; i < 19; i++) await page.keyboard.press('2');
    await page.locator('#save-entry').click();
    await expect.poll(() => page.locator('#entry-refused').textContent()).toContain('有 1 处');
    const skipped = page.locator('#entry-survey [data-name=svc_convenience]');
    expect(await skipped.textContent()).toContain('此题必答');
    expect(await page.locator('#entry-survey [data-name=svc_simple]').textContent()).not.toContain(
      '此题必答',
    );
    expect(await storedPapers()).toBe(0);
    await skipped.scrollIntoViewIfNeeded();
    await shot(page, 'entry-400-1280x800');
  });

  it('stores the sheet once corrected, raises the count and clears for the next sheet', async () => {
    await page
      .locator('#entry-survey [data-name=svc_convenience] input[type=radio]')
      .first()
      .focus();
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('#entry-saved').textContent()).toContain('SF-0001');
    expect(await enteredCount(page)).toBe(1);
    expect(await page.locator('#paper-id').inputValue()).toBe('');
    expect(await page.locator('#entry-community').inputValue()).toBe(community.code);
    expect(await page.locator('#entry-survey input[type=radio]:checked').count()).toBe(0);
    const [stored] = await server.store.query<{ source: string; answers: string; grid: string }>(
      `SELECT source, answers, grid_code AS grid FROM responses
       WHERE client_id = 'paper-2026-SF-0001' AND subject_code = ?`,
      [community.code],
    );
    expect(stored!.source).toBe('paper');
    // 1 = the first box (非常满意, 5); 2 = the second (满意, 4); on the 1–5 rating, 2 itself
    expect(JSON.parse(stored!.answers)).toMatchObject({
      svc_convenience: 5,
      svc_simple: 4,
      cond_integrity: 4,
      overall: 2,
    });
    expect(stored!.grid).toMatch(new RegExp(`^${community.code}`));
    await shot(page, 'entry-saved-1280x800');
  });

  it('refuses the same paper id a second time with 409 at the paper id', async () => {
    await page.locator('#paper-id').fill('SF-0001');
    await page.locator('#entry-survey [data-name=grid] input[type=radio]').first().focus();
    await page.keyboard.press('1');
    for (let i = 0; i < 20; i++) await page.keyboard.press('3');
    await page.locator('#save-entry').click();
    await expect
      .poll(() => page.locator('#paper-id-error').textContent())
      .toContain('纸质问卷 SF-0001 已录入过');
    expect(await page.locator('#paper-id').getAttribute('aria-invalid')).toBe('true');
    expect(await enteredCount(page)).toBe(1);
    expect(await storedPapers()).toBe(1);
    // the answers stay for a corrected id
    expect(await page.locator('#entry-survey input[type=radio]:checked').count()).toBeGreaterThan(
      10,
    );
    await shot(page, 'entry-409-1280x800');
  });

  it('fits a phone and keeps the count after a reload', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'entry-390x844');
    await page.locator('#entry-survey [data-name=overall]').scrollIntoViewIfNeeded();
    await shot(page, 'entry-rating-390x844');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.reload();
    await page.locator('#entry-community').selectOption(community.code);
    await expect.poll(() => enteredCount(page)).toBe(1);
    await page.context().close();
  });
});

describe('双向评价 (two-way forms)', () => {
  it('shows street staff only their tab and the communities of their street', async () => {
    const page = await signedInAdmin(server, streetStaff, 390, 844);
    expect(await visibleTabs(page)).toEqual(['双向评价']);
    await expect
      .poll(() => page.locator('#two-way-list li').count())
      .toBe(street.communities.length);
    expect(await page.locator('#two-way-progress').textContent()).toBe(
      `已填报 0 / ${street.communities.length}`,
    );
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'two-way-list-390x844');
    await page.context().close();
  });

  it('fills one community, shows it filled, and says clearly when a second form is refused', async () => {
    const [first, second] = street.communities as [string, string];
    const page = await signedInAdmin(server, streetStaff, 390, 844);
    // a colleague of the same street, at the same time, on another phone
    const colleague = await signedInAdmin(server, streetStaff, 390, 844);
    await colleague.locator(`#two-way-list li[data-code="${second}"] button`).click();
    await colleague.locator('#two-way-form .sd-root-modern').waitFor();

    await page.locator(`#two-way-list li[data-code="${first}"] button`).click();
    await fillTwoWayForm(page);
    await shot(page, 'two-way-form-390x844');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const filled = page.locator(`#two-way-list li[data-code="${first}"]`);
    await expect.poll(() => filled.getAttribute('data-filled')).toBe('true');
    expect(await filled.textContent()).toContain('已填报');
    expect(await filled.locator('button').count()).toBe(0);
    expect(await page.locator('#two-way-form').isHidden()).toBe(true);
    expect(await page.locator('#status').textContent()).toContain('已提交对');

    await page.locator(`#two-way-list li[data-code="${second}"] button`).click();
    await fillTwoWayForm(page);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await expect
      .poll(() =>
        page.locator(`#two-way-list li[data-code="${second}"]`).getAttribute('data-filled'),
      )
      .toBe('true');
    expect(await page.locator('#two-way-progress').textContent()).toBe(
      `已填报 2 / ${street.communities.length}`,
    );

    // the colleague's form about the second community, sent after it was filled: refused
    await fillTwoWayForm(colleague);
    await colleague.getByRole('button', { name: '提交', exact: true }).click();
    await expect
      .poll(() => colleague.locator('#two-way-form .error').textContent())
      .toContain('已对');
    expect(await colleague.locator('#two-way-form .error').textContent()).toContain(
      '每年只能填报一次',
    );
    await expect
      .poll(() =>
        colleague.locator(`#two-way-list li[data-code="${second}"]`).getAttribute('data-filled'),
      )
      .toBe('true');
    await colleague.locator('#two-way-form .error').scrollIntoViewIfNeeded();
    await shot(colleague, 'two-way-409-390x844');
    const rows = await server.store.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM responses
       WHERE year = 2026 AND instrument = 'street_to_community' AND rater_code = ?`,
      [street.code],
    );
    expect(rows).toEqual([{ n: 2 }]);
    await page.context().close();
    await colleague.context().close();
  });

  it('shows community staff the one street their community rates', async () => {
    const communityStaff: Account = {
      username: 'sq-staff',
      password: 'manyi-community-2026',
      displayName: '社区 刘洋',
      role: 'community_staff',
      scope: street.communities[0]!,
    };
    await createUser(server.store, communityStaff, machineActor());
    const page = await signedInAdmin(server, communityStaff, 390, 844);
    expect(await visibleTabs(page)).toEqual(['双向评价']);
    const only = page.locator('#two-way-list li');
    await expect.poll(() => only.count()).toBe(1);
    expect(await only.getAttribute('data-code')).toBe(street.code);
    expect(await only.locator('.unit').textContent()).toBe(street.name);
    await only.locator('button').click();
    // the community→street form: counts typed in, ratings tapped
    await page.locator('#two-way-form .sd-question[data-name=burden_inspections] input').waitFor();
    expect(await page.locator('#two-way-form h3').textContent()).toContain(street.name);
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'two-way-community-form-390x844');
    await page.context().close();
  });

  it('keeps an evaluator out of the two-way tab', async () => {
    const page = await signedInAdmin(server, evaluator);
    expect(await visibleTabs(page)).not.toContain('双向评价');
    await page.goto(`${server.url}/dashboard/admin.html#twoWay`);
    await page.locator('#campaign-table').waitFor();
    await page.context().close();
  });

  it('raised no script error and asked nothing of any other host', () => {
    expect(server.watch.pageErrors).toEqual([]);
    expect(server.watch.requested.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});

/** The count of paper sheets the entry page shows. */
async function enteredCount(page: Page): Promise<number> {
  return Number(await page.locator('#entered').getAttribute('data-count'));
}

/** Paper sheets stored for the community. */
async function storedPapers(): Promise<number> {
  const [row] = await server.store.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM responses
     WHERE year = 2026 AND subject_code = ? AND source = 'paper'`,
    [community.code],
  );
  return row!.n;
}

/** The tabs a signed-in account sees. */
function visibleTabs(page: Page): Promise<string[]> {
  return page.locator('#tabs a[data-view]:visible').allTextContents();
}

/** Taps 4 on every rating of the open two-way form. */
async function fillTwoWayForm(page: Page): Promise<void> {
  const ratings = page.locator('#two-way-form .sd-question[data-name]', {
    has: page.locator('.sd-rating'),
  });
  const count = await ratings.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++)
    await ratings.nth(i).locator('.sd-rating__item-text', { hasText: /^4$/ }).click();
}
