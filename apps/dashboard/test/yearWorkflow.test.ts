import { compileInstrument } from '@manyi/domain/answers';
import { instrumentNames } from '@manyi/domain/instrument';
import { unitsFromRegionRows } from '@manyi/domain/region';
import { demoCampaignWindow, shanghaiIso } from '@manyi/demo/campaignWindow';
import { loadInstruments } from '@manyi/demo/demoInstruments';
import { generateRegion } from '@manyi/demo/demoRegion';
import { streamYear } from '@manyi/demo/generateResponses';
import { saveCampaign, saveInstrument } from '@manyi/store/campaigns';
import { replaceRegions } from '@manyi/store/regions';
import type { NewResponse } from '@manyi/store/ResponseWriter';
import type { Store } from '@manyi/store/Store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerResidentForm, type ResidentForm } from '../../survey/test/support/residentForm.ts';
import {
  horizontalOverflow,
  openPage,
  shot,
  signedInAdmin,
  startAdminServer,
  type Account,
  type AdminServer,
} from './adminServer.ts';

// Issue 4's year, end to end in Chromium (its last "must hold"): an evaluator opens the year,
// prints a community's poster, watches a resident's answer on the real survey page raise the
// community's response rate, excludes a flagged response with a reason, scores, finalizes and
// publishes; the public page shows the ranking. Everything is real: pages built by Vite, the
// API's server on a DuckDB file, Chromium; the demo's region, forms and residents.

const year = 2026;
const evaluator: Account = {
  username: 'kpb-year',
  password: 'manyi-year-2026',
  displayName: '考评办 陈静',
  role: 'evaluator',
  scope: null,
};
const regionRows = generateRegion();
const instruments = loadInstruments();

let server: AdminServer;
/** The evaluator's page, kept through the year. */
let page: Page;
/** The community whose poster is printed and whose resident answers. */
let community: { code: string; name: string };
/** The address printed on the community's poster, under its QR code. */
let posterUrl: URL;

beforeAll(async () => {
  // the year as the CLI leaves it before the evaluator starts: region, draft campaign, forms
  server = await startAdminServer({
    seed: async (store) => {
      await replaceRegions(store, unitsFromRegionRows(regionRows));
      const window = demoCampaignWindow(year);
      await saveCampaign(store, {
        year,
        title: `${year}年度示范市城乡社区（村）居民满意度测评`,
        opensAt: shanghaiIso(window.opensAt),
        closesAt: shanghaiIso(window.closesAt),
        state: 'draft',
      });
      for (const name of instrumentNames) await saveInstrument(store, year, instruments[name]);
    },
    accounts: [evaluator],
  });
}, 240_000);

afterAll(() => server?.close());

describe(`the ${year} year, from opening to the public ranking`, () => {
  it('an evaluator signs in and opens the draft year', { timeout: 90_000 }, async () => {
    page = await signedInAdmin(server, evaluator);
    const row = page.locator(`#campaign-table tr[data-year="${year}"]`);
    expect(await row.locator('.state').textContent()).toBe('草稿');
    await row.locator('button[data-to=open]').click();
    await page.locator('.confirm-form button[type=submit]').click();
    await expect.poll(() => row.locator('.state').textContent()).toBe('进行中');
    await shot(page, 'year-1-opened-1280x800');
  });

  it('the demo’s residents answer over the campaign’s weeks', { timeout: 120_000 }, async () => {
    // what weeks of answering would bring, written straight to the store: enough per
    // community for a public ranking (10 or more), speeders and straight-liners planted
    const stored = await residentsAnswer(server.store);
    expect(stored).toBeGreaterThan(1000);
  });

  it(
    'prints the poster of a community, after entering its paper handed out',
    { timeout: 90_000 },
    async () => {
      await page.locator('#tabs a[data-view=rates]').click();
      const first = page.locator('table[data-level=community] tbody tr').first();
      await first.waitFor();
      community = {
        code: (await first.getAttribute('data-code'))!,
        name: (await first.locator('td.unit').textContent())!,
      };
      // a denominator, so the community has a rate: 40 paper questionnaires handed out
      await first.locator('input[name=paperHandedOut]').fill('40');
      await first.locator('button[type=submit]').click();
      await expect.poll(() => page.locator('#status').textContent()).toContain('40 份');

      const png = (await rateRow()
        .locator('td.posters a', { hasText: 'PNG' })
        .getAttribute('href'))!;
      expect(png).toBe(`/api/v1/invitations/${year}/poster/${community.code}.png`);
      const printed = await page.request.get(`${server.url}${png}`);
      expect(printed.status()).toBe(200);
      expect(printed.headers()['content-type']).toBe('image/png');
      expect((await printed.body()).subarray(1, 4).toString('latin1')).toBe('PNG');
      const pdf = await page.request.get(`${server.url}${png.replace(/\.png$/, '.pdf')}`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // the poster's text, readable in its SVG: the community's name and the campaign's title
      const svg = await page.request.get(`${server.url}${png.replace(/\.png$/, '.svg')}`);
      expect(svg.status()).toBe(200);
      const text = await svg.text();
      expect(text).toContain(community.name);
      expect(text).toContain(`${year}年度`);
      // and the address its QR code holds, which the resident's phone opens below
      posterUrl = new URL(/http:\/\/[^<\s]+\/s\/[A-Za-z0-9_-]+/.exec(text)![0]);
      expect(posterUrl.pathname).toBe(`/s/${community.code}`);

      const poster = await page.context().newPage();
      await poster.goto(`${server.url}${png}`);
      await shot(poster, 'year-2-poster');
      await poster.close();
      await shot(page, 'year-2-rates-1280x800');
    },
  );

  it(
    'a resident answers on the phone and the evaluator sees the rate go up',
    { timeout: 120_000 },
    async () => {
      const before = await rateFigures();
      expect(before.rate).not.toBe('—');

      const phone = await openPage(server, posterUrl.pathname, 390, 844);
      const form = (await (
        await phone.request.get(`${server.url}/api/v1/surveys/resident?community=${community.code}`)
      ).json()) as ResidentForm;
      const gridQuestion = form.pages[0]!.elements.find((e) => e.name === 'grid');
      const firstGrid = gridQuestion?.choices?.[0];
      await phone.locator('.sd-question').first().waitFor();
      await shot(phone, 'year-3-resident-390x844');
      expect(await horizontalOverflow(phone)).toBe(0);
      await answerResidentForm(phone, form, {
        grid: typeof firstGrid === 'object' ? String(firstGrid.value) : String(firstGrid ?? ''),
        text: '希望小区多装几盏路灯',
      });
      await phone.getByText('感谢您的参与', { exact: false }).waitFor();
      await shot(phone, 'year-3-resident-thanks-390x844');
      await phone.context().close();

      await page.reload();
      await rateRow().waitFor();
      const after = await rateFigures();
      expect(after.valid).toBe(before.valid + 1);
      expect(parseFloat(after.rate)).toBeGreaterThan(parseFloat(before.rate));
      await rateRow().scrollIntoViewIfNeeded();
      await shot(page, 'year-3-rate-up-1280x800');
    },
  );

  it('excludes a flagged response with a reason', { timeout: 120_000 }, async () => {
    await page.locator('#tabs a[data-view=quality]').click();
    await page.locator('#rerun-flags').click();
    await expect
      .poll(() => page.locator('#quality-summary .run').textContent(), { timeout: 60_000 })
      .toContain('最近一次检查');
    const flagged = page.locator('#review-table tbody tr[data-status=flagged]').first();
    const id = (await flagged.getAttribute('data-id'))!;
    await flagged.locator('button[data-action=exclude]').click();
    await page.locator('.decision-form input[name=reason]').fill('答题用时过短,核实后排除');
    await page.locator('.decision-form button[type=submit]').click();
    await expect
      .poll(() => page.locator('#quality-summary .figure[data-key=excluded] .value').textContent())
      .toBe('1');
    // the decision is kept with who made it; the response itself is not deleted
    const decisions = await server.store.query<{ action: string; reason: string; who: string }>(
      `SELECT action, reason, actor_name AS who FROM response_decisions WHERE response_id = ?`,
      [id],
    );
    expect(decisions).toEqual([
      { action: 'exclude', reason: '答题用时过短,核实后排除', who: evaluator.username },
    ]);
    const kept = await server.store.query<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM responses WHERE id = ?',
      [id],
    );
    expect(kept).toEqual([{ n: 1 }]);
    await shot(page, 'year-4-quality-1280x800');
  });

  it('closes, scores, finalizes and publishes the year', { timeout: 180_000 }, async () => {
    await transition('closed', '已结束');
    await page.locator('#tabs a[data-view=yearEnd]').click();
    await page.locator('#run-scoring:not([disabled])').click();
    await expect
      .poll(() => page.locator('#scoring-run dd[data-key=runId]').textContent(), {
        timeout: 90_000,
      })
      .toMatch(/^\d+$/);
    await shot(page, 'year-5-scored-1280x800');
    await transition('finalized', '已定稿');
    await page.locator('#tabs a[data-view=yearEnd]').click();
    await page.locator('#publish-year:not([disabled])').click();
    await page.locator('#public-link a').waitFor({ timeout: 90_000 });
    expect(await page.locator('#status').textContent()).toContain(`已发布 ${year} 年度测评结果`);
    await shot(page, 'year-6-published-1280x800');
  });

  it('the public page shows the ranking', { timeout: 90_000 }, async () => {
    const site = await openPage(server, `/public/${year}/`, 390, 844);
    const ranking = site.locator('table tbody tr');
    await ranking.first().waitFor();
    expect(await ranking.count()).toBeGreaterThan(10);
    expect(await site.locator('table td.rank').first().textContent()).toMatch(/^\d+/);
    expect(await site.locator('body').textContent()).toContain(community.name);
    // no answer text on a public page
    expect(await site.locator('body').textContent()).not.toContain('路灯');
    await shot(site, 'year-7-public-390x844');
    await site.setViewportSize({ width: 1280, height: 800 });
    await shot(site, 'year-7-public-1280x800');
    await site.context().close();
  });

  it('raised no script error and asked nothing of any other host', () => {
    expect(server.watch.pageErrors).toEqual([]);
    expect(server.watch.requested.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});

/**
 * The demo's synthetic answers of the year, checked against their forms as the server would,
 * appended in chunks; returns how many.
 */
async function residentsAnswer(store: Store): Promise<number> {
  const compiled = Object.fromEntries(
    instrumentNames.map((name) => [name, compileInstrument(instruments[name])]),
  );
  let chunk: NewResponse[] = [];
  let stored = 0;
  for (const response of streamYear({
    year,
    regionRows,
    instruments,
    options: {
      responsesPerCommunity: { median: 14, logSd: 0.3, min: 10, max: 24 },
      smallSampleShare: 0,
      twoWay: false,
      satisfiedRateTruth: false,
    },
  })) {
    const form = compiled[response.instrument]!;
    expect(form.validate(response.answers)).toEqual([]);
    chunk.push({ ...response, long: form.extract(response.answers) });
    if (chunk.length >= 5000) {
      await store.responses.appendAll(chunk);
      stored += chunk.length;
      chunk = [];
    }
  }
  await store.responses.appendAll(chunk);
  return stored + chunk.length;
}

/** The community's row on the response-rate page. */
function rateRow() {
  return page.locator(`table[data-level=community] tr[data-code="${community.code}"]`);
}

/** The community's valid responses and rate as the page shows them. */
async function rateFigures(): Promise<{ valid: number; rate: string }> {
  const cells = rateRow().locator('td.num');
  const valid = await rateRow().locator('td[data-label=有效答卷]').textContent();
  expect(await cells.count()).toBeGreaterThan(2);
  return {
    valid: Number(valid!.replace(/,/g, '')),
    rate: (await rateRow().locator('td.rate').textContent())!,
  };
}

/** Changes the year's state on 测评管理 and waits for the new one. */
async function transition(to: string, shown: string): Promise<void> {
  await page.locator('#tabs a[data-view=campaigns]').click();
  const row = page.locator(`#campaign-table tr[data-year="${year}"]`);
  await row.locator(`button[data-to=${to}]`).click();
  await page.locator('.confirm-form button[type=submit]').click();
  await expect.poll(() => row.locator('.state').textContent()).toBe(shown);
}
