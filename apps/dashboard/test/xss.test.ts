import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@manyi/api/server';
import { loadInstruments } from '@manyi/demo/demoInstruments';
import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import { compileInstrument } from '@manyi/domain/answers';
import type { Instrument } from '@manyi/domain/instrument';
import { regionColumns, type RegionRow } from '@manyi/domain/region';
import { flagYear } from '@manyi/scoring/qualityChecks';
import { scoreYear } from '@manyi/scoring/scoreYear';
import { machineActor } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import { importRegions } from '@manyi/store/importRegions';
import type { NewResponse } from '@manyi/store/ResponseWriter';
import { openStore, type Store } from '@manyi/store/Store';
import { readTableFile, writeTableFile } from '@manyi/store/tableFile';
import { createUser } from '@manyi/store/users';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import {
  allXssPayloads,
  expectNoXss,
  missingFrom,
  watchForXss,
  xssFindings,
  xssPayloads,
  type XssPayload,
  type XssWatch,
} from './xssCorpus.ts';

// Issue 6 §4: the XSS corpus placed in every text that reaches a page — names of an imported
// regions file, the resident form's titles, choices and dimension names, residents' comments —
// and each page opened in Chromium: the survey, the live dashboard (its chart tooltips hovered),
// the evaluator's tables and the published site. No payload may run or become markup, and the
// names must show as written. The pages run with the Content-Security-Policy bypassed, so that
// this tests the pages' own escaping; the CSP is a second line, tested with the headers.

const evaluator = { username: 'xss-kpb', password: 'manyi-xss-2026' };

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
/** The region as imported: every name a payload. */
let regionRows: RegionRow[];
/** MANYI_PUBLIC_DIR before the test, restored after it. */
const publicDirBefore = process.env.MANYI_PUBLIC_DIR;
/** Places a payload was put, and page views checked, for the closing figures. */
const figures = { placed: 0, views: 0, hovered: 0, comments: 0, failures: 0 };
/** The resident form, every text of it a payload. */
const residentForm = payloadResidentForm();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'manyi-xss-'));
  process.env.MANYI_PUBLIC_DIR = join(dir, 'public');
  store = await openStore({ path: join(dir, 'manyi.duckdb') });

  regionRows = await importedPayloadRegion(join(dir, 'regions.csv'));
  await seedDemo(store, {
    years: [2025, 2026],
    regionRows,
    instruments: { ...loadInstruments(), resident: residentForm },
    yearOptions: {
      responsesPerCommunity: { median: 14, logSd: 0.3, min: 11, max: 20 },
      smallSampleShare: 0,
      twoWay: false,
    },
  });
  await createUser(
    store,
    {
      ...evaluator,
      displayName: '<img src=x onerror=__xss(99)>考评办',
      role: 'evaluator',
      scope: null,
    },
    machineActor(),
  );
  server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    submissionLimit: { perAddress: Infinity }, // all comments come from this one address
    securityLog: () => {},
  });
  await postPayloadComments();
  await flagYear(store, 2026, { actor: machineActor() }); // the straight-lined comments are flagged
  await appendPayloadComments(2025);
  await scoreYear(store, 2025, { seed: 5 });
  await setCampaignState(store, 2025, 'finalized');
  await publishOverApi(2025);

  browser = await launchChromium();
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
}, 240_000);

afterAll(async () => {
  console.info(
    `XSS corpus: ${allXssPayloads.length} payloads placed in ${figures.placed} texts ` +
      `(${figures.comments} comments), ${figures.views} page views checked, ` +
      `${figures.hovered} chart marks hovered; views with a payload run or injected: ${figures.failures}`,
  );
  await context?.close();
  await browser?.close();
  await server?.close().catch(() => {});
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (publicDirBefore === undefined) delete process.env.MANYI_PUBLIC_DIR;
  else process.env.MANYI_PUBLIC_DIR = publicDirBefore;
});

describe('the XSS corpus', () => {
  it('has a watch that catches a payload that runs, one only injected, and a dialog', async () => {
    expect(allXssPayloads.length).toBeGreaterThanOrEqual(30);
    const { page, watch } = await open('/dashboard/admin.html');
    await expect(expectNoXss(page, watch, 'the bare page')).resolves.toBeDefined();
    // what a page that used innerHTML would do with a name
    await page.evaluate(
      (html) => document.body.insertAdjacentHTML('beforeend', html),
      xssPayloads[1]!.text,
    );
    await expect.poll(async () => (await xssFindings(page)).ran).toEqual([2]);
    await expect(expectNoXss(page, watch, 'a hole')).rejects.toThrow(/payload 2 ran/);

    const other = await open('/dashboard/admin.html');
    await other.page.evaluate(
      (html) => document.body.insertAdjacentHTML('beforeend', html),
      xssPayloads[20]!.text,
    );
    await expect(expectNoXss(other.page, other.watch, 'a link')).rejects.toThrow(
      /markup injected: <a href="javascript:__xss\(21\)">/,
    );
    await other.page.evaluate(() => setTimeout(() => alert('xss'), 0));
    await expect.poll(() => other.watch.dialogs).toEqual(['alert: xss']);
    await page.close();
    await other.page.close();
  });

  it('is shown as text on every page of the resident survey, and never runs', async () => {
    const communities = uniqueBy(regionRows, (r) => r.community_code);
    const withGrids = communities.find(
      (c) => regionRows.filter((r) => r.community_code === c.community_code).length > 1,
    );
    const literal = new Set(allXssPayloads.filter((p) => p.literal).map((p) => p.text));
    const titles = elementsOf(residentForm)
      .map((e) => e.title)
      .filter((t): t is string => typeof t === 'string' && literal.has(t));
    expect(titles.length).toBeGreaterThan(20);
    const targets = uniqueBy(
      [withGrids, ...communities].filter((c) => !!c),
      (c) => c!.community_code,
    );
    for (const community of targets.slice(0, 2) as RegionRow[]) {
      const code = community.community_code;
      const { page, watch } = await open(`/s/${code}`);
      await page.locator('.sd-question').first().waitFor();
      // the form's header names the community, its street and district (payloads too)
      const first = await checked(page, watch, `/s/${code}`);
      expect(
        missingFrom(first.text, [
          community.community_name,
          community.street_name,
          community.district_name,
        ]),
      ).toEqual([]);
      if (community === withGrids) {
        await page.locator('.sd-dropdown').first().click();
        await checked(page, watch, 'the grid dropdown');
      }
      // a resident who has answered every question (with a payload as comment) pages through
      await page.evaluate(
        ({ key, answers }) =>
          localStorage.setItem(
            key,
            JSON.stringify({
              submissionId: 'xss-survey-draft',
              startedAt: new Date().toISOString(),
              surveyTitle: document.title,
              answers,
              pageNo: 0,
              completed: false,
            }),
          ),
        { key: `manyi.resident-draft.${code}`, answers: straightAnswers(community) },
      );
      await page.reload();
      await page.locator('.sd-question').first().waitFor();
      let shown = '';
      for (let pageNo = 0; pageNo < 10; pageNo++) {
        shown += (await checked(page, watch, `/s/${code} page ${pageNo + 1}`)).text;
        const next = page.locator('.sd-navigation__next-btn:visible');
        if (!(await next.count())) break;
        await next.click();
      }
      expect(missingFrom(shown, titles)).toEqual([]);
      expect(shown).toContain(straightAnswers(community).suggestion);
      await page.close();
    }
  }, 120_000);

  it('is shown as text in every view of the dashboard, chart tooltips hovered', async () => {
    const communityNames = uniqueBy(regionRows, (r) => r.community_code).map(
      (r) => r.community_name,
    );
    const names = [
      ...uniqueBy(regionRows, (r) => r.district_code).map((r) => r.district_name),
      ...uniqueBy(regionRows, (r) => r.street_code).map((r) => r.street_name),
      ...communityNames,
    ];
    // a visitor sees the live view: its table (in a closed <details>) names every community
    const visitor = await open('/dashboard/');
    await visitor.page.locator('#view svg').first().waitFor();
    const live = await viewChecked(visitor.page, visitor.watch, 'live (visitor)');
    expect(missingFrom(live.text, communityNames)).toEqual([]);
    expect(live.tips.length).toBeGreaterThan(0);
    await visitor.page.close();

    // a signed-in reader goes through every tab
    const signedIn = await context.request.post(`${server.url}/api/v1/auth/login`, {
      data: evaluator,
      headers: { origin: server.url },
    });
    expect(signedIn.status()).toBe(200);
    const { page, watch } = await open('/dashboard/');
    const tabs = page.locator('#tabs a[data-view]');
    await tabs.first().waitFor();
    const views = await tabs.evaluateAll((links) => links.map((a) => a.getAttribute('data-view')!));
    expect(views.length).toBeGreaterThan(0);
    let shown = '';
    let tips = '';
    for (const view of views) {
      await page.locator(`#tabs a[data-view="${view}"]`).click();
      await page.locator(`#view .view-body[data-view="${view}"]`).waitFor();
      const seen = await viewChecked(page, watch, `/dashboard/#${view}`);
      shown += seen.text;
      tips += seen.tips.join('\n');
    }
    expect(missingFrom(shown, names)).toEqual([]);
    // tooltips name units as written (a long name may be cut in a chart, never decoded)
    expect(names.some((n) => tips.replace(/\u200b/g, '').includes(n))).toBe(true);
    // residents' comments, where a view shows them, show as written
    const comments = allXssPayloads.map(commentOf).filter((c) => shown.includes(c));
    if (views.includes('comments')) expect(comments.length).toBeGreaterThan(0);
    await page.close();
  }, 300_000);

  it('is shown as text in the evaluator tables: campaigns, rates, quality and year end', async () => {
    const { page, watch } = await open('/dashboard/admin.html');
    // signed in already if the dashboard's test ran first (one browser context)
    await page.locator('#login:not([hidden]), #who:not([hidden])').first().waitFor();
    if (await page.locator('#login').isVisible()) {
      await page.locator('#login input[name=username]').fill(evaluator.username);
      await page.locator('#login input[name=password]').fill(evaluator.password);
      await page.locator('#login button[type=submit]').click();
    }
    await page.locator('#campaign-table tbody tr').first().waitFor();
    const campaigns = await checked(page, watch, 'admin campaigns');
    // the account's display name is a payload too
    expect(campaigns.text).toContain('<img src=x onerror=__xss(99)>考评办');

    await page.locator('#tabs a[data-view=rates]').click();
    await page.locator('table[data-level=community] tbody tr').first().waitFor();
    const streets = uniqueBy(regionRows, (r) => r.street_code);
    const districts = uniqueBy(regionRows, (r) => r.district_code);
    const { text } = await checked(page, watch, 'admin rates');
    expect(
      missingFrom(
        text,
        districts.map((d) => d.district_name),
      ),
    ).toEqual([]);
    expect(
      missingFrom(
        text,
        streets.map((s) => s.street_name),
      ),
    ).toEqual([]);
    for (const street of streets) {
      await page.locator('#view select[name=street]').selectOption(street.street_code);
      const communities = uniqueBy(
        regionRows.filter((r) => r.street_code === street.street_code),
        (r) => r.community_code,
      ).map((r) => r.community_name);
      await expect
        .poll(async () => missingFrom(await page.locator('#view').innerText(), communities))
        .toEqual([]);
      await checked(page, watch, `admin rates of street ${street.street_code}`);
    }

    await page.locator('#tabs a[data-view=quality]').click();
    await page.locator('#review-table tbody tr').first().waitFor();
    const quality = await checked(page, watch, 'admin quality review');
    const names = uniqueBy(regionRows, (r) => r.community_code).map((r) => r.community_name);
    expect(names.filter((n) => quality.text.includes(n)).length).toBeGreaterThan(3);

    await page.locator('#tabs a[data-view=yearEnd]').click();
    await page.locator('#year-picker select').selectOption('2025');
    await page.locator('#public-link a').waitFor();
    await checked(page, watch, 'admin year end');
    await page.close();
  }, 180_000);

  it('is shown as text on the published results site', async () => {
    const { page, watch } = await open('/public/2025/');
    await page.locator('main table').first().waitFor();
    const { text } = await checked(page, watch, '/public/2025/');
    const names = [
      ...uniqueBy(regionRows, (r) => r.district_code).map((r) => r.district_name),
      ...uniqueBy(regionRows, (r) => r.street_code).map((r) => r.street_name),
      ...uniqueBy(regionRows, (r) => r.community_code).map((r) => r.community_name),
    ];
    expect(missingFrom(text, names)).toEqual([]);
    await page.close();
  });
});

/** A new tab at `path` of the server, watched for XSS. */
async function open(path: string): Promise<{ page: Page; watch: XssWatch }> {
  const page = await context.newPage();
  const watch = await watchForXss(page);
  await page.goto(`${server.url}${path}`);
  return { page, watch };
}

/**
 * Waits for a dashboard view to settle, hovers its chart marks (up to 24, spread over them) and
 * reads the tooltips, then checks for XSS: the findings and the tooltip texts.
 */
async function viewChecked(page: Page, watch: XssWatch, where: string) {
  let before = '';
  await expect
    .poll(
      async () => {
        const now = await page.locator('#view').innerHTML();
        const settled = now === before && !now.includes('aria-busy="true"');
        before = now;
        return settled;
      },
      { interval: 300, timeout: 20_000 },
    )
    .toBe(true);
  const marks = page.locator('#view svg g[aria-label] > circle, #view svg g[aria-label] > rect');
  const count = await marks.count();
  const tips: string[] = [];
  const step = Math.max(1, Math.ceil(count / 24));
  for (let i = 0; i < count; i += step) {
    await marks
      .nth(i)
      .hover({ force: true, timeout: 2000 })
      .catch(() => undefined);
    figures.hovered++;
    const tip = page.locator('#view svg g[aria-label=tip]');
    if (await tip.count()) tips.push((await tip.first().textContent()) ?? '');
    await checked(page, watch, `${where}, mark ${i} hovered`);
  }
  return { ...(await checked(page, watch, where)), tips };
}

/** `expectNoXss`, counted. */
async function checked(page: Page, watch: XssWatch, where: string) {
  figures.views++;
  try {
    return await expectNoXss(page, watch, where);
  } catch (error) {
    figures.failures++;
    throw error;
  }
}

/**
 * A small 示范市 whose every district, street, community and grid name is a payload, written
 * as a regions CSV, imported from it, and given back as the rows the import read.
 */
async function importedPayloadRegion(path: string): Promise<RegionRow[]> {
  const generated = generateRegion({
    districts: 2,
    streetsPerDistrict: 2,
    communitiesPerStreet: [4, 5],
  });
  const names = new Map<string, string>();
  const nameOf = (code: string) => {
    if (!names.has(code)) names.set(code, xssPayloads[names.size % xssPayloads.length]!.text);
    return names.get(code)!;
  };
  const rows = generated.map((row) => ({
    ...row,
    district_name: nameOf(row.district_code),
    street_name: nameOf(row.street_code),
    community_name: nameOf(row.community_code),
    grid_name: nameOf(row.grid_code),
  }));
  figures.placed += names.size;
  await writeTableFile(path, {
    columns: [...regionColumns],
    rows: rows.map((r) => regionColumns.map((c) => (r[c] === null ? '' : String(r[c])))),
  });
  const table = await readTableFile(path);
  await importRegions(store, table);
  const read = table.rows.map(
    (cells) =>
      Object.fromEntries(table.columns.map((column, i) => [column, cells[i]])) as Record<
        string,
        string
      >,
  );
  return read.map((r) => ({
    ...(r as unknown as RegionRow),
    population: r.population ? Number(r.population) : null,
  }));
}

/** The elements of a SurveyJS form, page by page. */
function elementsOf(form: Instrument): Record<string, unknown>[] {
  const pages = (form.survey.pages ?? []) as { elements?: Record<string, unknown>[] }[];
  return pages.flatMap((page) => page.elements ?? []);
}

/** The resident form with its title, question titles, choices and dimension names as payloads. */
function payloadResidentForm(): Instrument {
  const form = structuredClone(loadInstruments().resident);
  let next = 0;
  const payload = () => allXssPayloads[next++ % allXssPayloads.length]!.text;
  form.title = payload();
  for (const element of elementsOf(form)) {
    if (element.type === 'html') continue; // HTML by design: the evaluators' own markup
    element.title = payload();
    const choices = element.choices as ({ value: unknown; text?: string } | string)[] | undefined;
    if (choices)
      element.choices = choices.map((c) => ({
        value: typeof c === 'object' ? c.value : c,
        text: payload(),
      }));
    if (element.type === 'rating') {
      element.minRateDescription = payload();
      element.maxRateDescription = payload();
    }
  }
  form.dimensions = form.dimensions.map((d) => ({ ...d, name: payload() }));
  figures.placed += next;
  return form;
}

/** Every payload as a resident's 意见建议, one per community in turn, straight-lined (so flagged). */
async function postPayloadComments(): Promise<void> {
  const communities = uniqueBy(regionRows, (r) => r.community_code);
  for (const [i, payload] of allXssPayloads.entries()) {
    const community = communities[i % communities.length]!;
    const answers = { ...straightAnswers(community), suggestion: commentOf(payload) };
    const res = await fetch(`${server.url}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        submissionId: `xss-payload-${payload.id}`,
        community: community.community_code,
        answers,
        startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      }),
    });
    if (res.status !== 201)
      throw new Error(`comment ${payload.id}: ${res.status} ${await res.text()}`);
    figures.placed++;
    figures.comments++;
  }
}

/**
 * Every payload as a comment in a closed year too, as a paper import stores it, with ratings
 * that vary (not flagged), so that the views of scored years have them to show.
 */
async function appendPayloadComments(year: number): Promise<void> {
  const communities = uniqueBy(regionRows, (r) => r.community_code);
  const form = compileInstrument(residentForm);
  const submittedAt = new Date(`${year}-11-20T10:00:00+08:00`);
  const responses = allXssPayloads.map((payload, i): NewResponse => {
    const community = communities[i % communities.length]!;
    const answers: Record<string, unknown> = { overall: 4, suggestion: commentOf(payload) };
    residentForm.items.forEach((item, q) => (answers[item.question] = 1 + ((i + q) % 5)));
    return {
      clientId: `xss-${year}-${payload.id}`,
      year,
      instrument: 'resident',
      subjectCode: community.community_code,
      raterCode: null,
      gridCode: community.grid_code,
      source: 'paper',
      startedAt: null,
      submittedAt,
      answers,
      long: form.extract(answers),
    };
  });
  await store.responses.appendAll(responses);
  figures.placed += responses.length;
  figures.comments += responses.length;
}

/** A resident's comment carrying a payload (told apart from the same payload as a name). */
function commentOf(payload: XssPayload): string {
  return `居民意见：${payload.text}`;
}

/** A resident's answers in a community: every rating 5 (a straight line), a payload as comment. */
function straightAnswers(community: RegionRow): Record<string, unknown> & { suggestion: string } {
  const answers: Record<string, unknown> = { grid: community.grid_code, overall: 5 };
  for (const item of residentForm.items) answers[item.question] = 5;
  return { ...answers, suggestion: xssPayloads[3]!.text };
}

/** Publishes a finalized year as an evaluator does, over HTTP. */
async function publishOverApi(year: number): Promise<void> {
  const origin = server.url;
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(evaluator),
  });
  if (login.status !== 200) throw new Error(`sign-in: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${origin}/api/v1/campaigns/${year}/publish`, {
    method: 'POST',
    headers: { origin, cookie },
  });
  if (res.status >= 300) throw new Error(`publish: ${res.status} ${await res.text()}`);
}

/** The first row of each key, in order. */
function uniqueBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(key(row)) && !!seen.add(key(row)));
}
