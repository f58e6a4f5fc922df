import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { draftKey } from '../src/drafts.ts';
import { launchChromium, phoneContext, recordRequests } from './support/chromium.ts';
import { startDemoServer, type DemoServer } from './support/demoServer.ts';
import { answerResidentForm, type ResidentForm } from './support/residentForm.ts';

// The resident page end to end, real parts only: the demo seeded into a DuckDB file, the API
// server from startServer serving the built page, Debian's Chromium on a phone-sized screen.

const year = 2026;
const suggestion = '希望楼道里多装几盏路灯';

let demo: DemoServer;
let browser: Browser;
let context: BrowserContext;
let requests: string[];
/** Uncaught errors of the page and anything the Content-Security-Policy refused. */
let pageProblems: string[];
/** Communities of the open campaign with more than one grid, so the page asks for the grid. */
let communities: { code: string; grids: string[] }[];

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  const rows = await demo.store.query<{ code: string; grids: string[] }>(
    `SELECT parent_code AS code, list(code ORDER BY code) AS grids
     FROM campaign_units WHERE year = ? AND level = 'grid'
     GROUP BY parent_code HAVING count(*) > 1 ORDER BY parent_code LIMIT 3`,
    [year],
  );
  communities = rows.map((r) => ({ code: r.code, grids: [...r.grids] }));
  expect(communities).toHaveLength(3);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** A fresh phone per test: its own localStorage, and every request it makes recorded. */
async function openPhone(): Promise<Page> {
  context = await phoneContext(browser);
  requests = recordRequests(context);
  pageProblems = [];
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) pageProblems.push(message.text());
  });
  return page;
}

afterEach(async () => {
  // No request may leave the host: not a font, not a logo, not an analytics beacon.
  const origin = new URL(demo.url).origin;
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(pageProblems).toEqual([]);
  await context?.close();
});

describe('the resident page /s/<code>', () => {
  it('takes a resident through every question to the thank-you; the answer is stored and moves the score', async () => {
    const { code, grids } = communities[0]!;
    const before = await liveScore(code);
    expect(before.score).toBeGreaterThan(0);
    const form = await residentForm(code);
    const posted: Submission[] = [];
    const page = await openPhone();
    page.on('request', (r) => {
      if (r.method() === 'POST') posted.push(r.postDataJSON() as Submission);
    });

    await page.goto(`${demo.url}/s/${code}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const answers = await answerResidentForm(page, form, { grid: grids[1]!, text: suggestion });
    await page.getByText('感谢您的参与', { exact: false }).waitFor();

    // Every question was answered, the lowest point of every scale among them.
    const questions = form.pages.flatMap((p) => p.elements).filter((e) => e.type !== 'html');
    expect(Object.keys(answers).sort()).toEqual(questions.map((q) => q.name).sort());
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ community: code, answers });

    const [stored] = await demo.store.query<{
      id: string;
      subject_code: string;
      grid_code: string;
      source: string;
      answers: string;
    }>('SELECT id, subject_code, grid_code, source, answers FROM responses WHERE client_id = ?', [
      posted[0]!.submissionId,
    ]);
    expect(stored).toMatchObject({ subject_code: code, grid_code: grids[1], source: 'web' });
    // The grid goes to its own column; the answers keep the rest as the page sent them.
    const { grid: _grid, ...answered } = answers;
    expect(JSON.parse(stored!.answers)).toEqual(answered);
    const long = await demo.store.query<{
      question: string;
      value: number | null;
      text: string | null;
    }>('SELECT question, value, text FROM answers WHERE response_id = ? ORDER BY question', [
      stored!.id,
    ]);
    expect(long.map((a) => a.question).sort()).toEqual(Object.keys(answered).sort());
    expect(long.find((a) => a.question === 'suggestion')?.text).toBe(suggestion);

    // Everything at 非常不满意 pulls the community's live score down, with one more respondent.
    const after = await liveScore(code);
    expect(after.n).toBe(before.n + 1);
    expect(after.score).toBeLessThan(before.score!);

    // Acknowledged: nothing is kept on the phone any more.
    expect(await page.evaluate((key) => localStorage.getItem(key), draftKey(code))).toBeNull();
  });

  it('keeps the answers through a failed submission and a reload; a retry with the same id stores one response', async () => {
    const { code, grids } = communities[1]!;
    const countBefore = await responseCount(code);
    const page = await openPhone();
    // The first two submissions die on the network, as on a phone losing its signal.
    const posted: Submission[] = [];
    await page.route('**/api/v1/responses', async (route) => {
      posted.push(route.request().postDataJSON() as Submission);
      if (posted.length <= 2) await route.abort('internetdisconnected');
      else await route.continue();
    });

    await page.goto(`${demo.url}/s/${code}`);
    const answers = await answerResidentForm(page, await residentForm(code), {
      grid: grids[0]!,
      text: suggestion,
    });
    await page.getByText('网络连接失败', { exact: false }).waitFor();
    await page.getByRole('button', { name: '重新提交' }).waitFor();
    const kept = await keptDraft(page, code);
    expect(kept).toMatchObject({ answers, completed: true, submissionId: posted[0]!.submissionId });

    // A reload (or a phone restarting the browser) keeps the completed form and offers to send it.
    await page.reload();
    await page.getByText('答卷尚未提交').waitFor();
    await page.getByRole('button', { name: '返回修改' }).click();
    const textarea = page.locator('[data-name="suggestion"] textarea');
    await textarea.waitFor();
    expect(await textarea.inputValue()).toBe(suggestion);
    expect(await page.locator('[data-name="overall"] input[value="1"]').isChecked()).toBe(true);

    // Sending from the form again fails too; 重新提交 then gets through.
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('网络连接失败', { exact: false }).waitFor();
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByText('感谢您的参与', { exact: false }).waitFor();

    expect(posted).toHaveLength(3);
    expect(new Set(posted.map((p) => p.submissionId)).size).toBe(1);
    expect(posted[2]!.answers).toEqual(answers);
    expect(await responseCount(code)).toBe(countBefore + 1);
    const [{ n }] = (await demo.store.query<{ n: bigint }>(
      'SELECT count(*) AS n FROM responses WHERE client_id = ?',
      [posted[0]!.submissionId],
    )) as [{ n: bigint }];
    expect(Number(n)).toBe(1);
    expect(await keptDraft(page, code)).toBeNull();
  });

  it('restores a half-filled form after a reload, on the page the resident left', async () => {
    const { code, grids } = communities[2]!;
    const page = await openPhone();
    await page.goto(`${demo.url}/s/${code}`);
    const question = (name: string) => page.locator(`[data-name="${name}"]`);
    await question('grid').locator('.sd-dropdown').waitFor();
    // the dropdown asks for the grid in words, not SurveyJS's bare 请选择…
    expect(await question('grid').innerHTML()).toContain('请选择您居住的网格');
    await question('grid').locator('.sd-dropdown').click();
    await page.getByRole('option').nth(1).click();
    const firstPage = ['svc_convenience', 'svc_simple', 'svc_care', 'svc_response'];
    for (const name of firstPage) await question(name).getByText('满意', { exact: true }).click();
    await page.getByRole('button', { name: '下一页' }).click();
    await question('env_cleaning').getByText('一般', { exact: true }).click();

    await page.reload();
    const cleaning = question('env_cleaning').locator('input[value="3"]');
    await cleaning.waitFor({ state: 'attached' });
    expect(await cleaning.isChecked()).toBe(true);
    expect(await question('svc_convenience').count()).toBe(0);
    expect(await keptDraft(page, code)).toMatchObject({
      answers: { grid: grids[1], svc_convenience: 4, env_cleaning: 3 },
      pageNo: 1,
      completed: false,
    });
    await page.getByRole('button', { name: '上一页' }).click();
    expect(await question('svc_care').locator('input[value="4"]').isChecked()).toBe(true);
  });

  it('says clearly when the community is unknown, with a retry', async () => {
    const page = await openPhone();
    await page.goto(`${demo.url}/s/NO-SUCH-CODE`);
    await page.getByText('未找到代码为“NO-SUCH-CODE”的社区', { exact: false }).waitFor();
    await page.getByRole('button', { name: '重试' }).waitFor();
  });
});

interface Submission {
  submissionId: string;
  community: string;
  answers: Record<string, unknown>;
  startedAt: string;
}

/** The community's live score and respondent count from the API. */
async function liveScore(code: string): Promise<{ n: number; score: number | null }> {
  const response = await fetch(`${demo.url}/api/v1/live/${year}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    communities: { code: string; n: number; score: number | null }[];
  };
  const community = body.communities.find((c) => c.code === code);
  if (!community) throw new Error(`no live score for ${code}`);
  return community;
}

/** The form the API serves for a community. */
async function residentForm(code: string): Promise<ResidentForm> {
  const response = await fetch(`${demo.url}/api/v1/surveys/resident?community=${code}`);
  expect(response.status).toBe(200);
  const form = (await response.json()) as ResidentForm;
  // the grid is the first question, after the greeting
  const questions = form.pages[0]!.elements.filter((e) => e.type !== 'html');
  expect(questions[0]).toMatchObject({
    name: 'grid',
    type: 'dropdown',
    placeholder: '请选择您居住的网格',
  });
  return form;
}

/** Stored responses about a community this year. */
async function responseCount(code: string): Promise<number> {
  const [{ n }] = (await demo.store.query<{ n: bigint }>(
    'SELECT count(*) AS n FROM responses WHERE year = ? AND subject_code = ?',
    [year, code],
  )) as [{ n: bigint }];
  return Number(n);
}

/** The page's kept draft of a community, as it sits in localStorage. */
async function keptDraft(page: Page, code: string): Promise<Record<string, unknown> | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), draftKey(code));
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
}
