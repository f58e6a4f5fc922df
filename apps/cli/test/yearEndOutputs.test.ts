import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { runManyi } from './runManyi.ts';
import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import { getCampaign } from '@manyi/store/campaigns';
import { latestResults, type YearResults } from '@manyi/scoring/latestResults';
import { publicColumns } from '@manyi/scoring/publicResults';
import { openStore, type Store } from '@manyi/store/Store';

const dir = mkdtempSync(join(tmpdir(), 'manyi-year-end-'));
const db = join(dir, 'demo.duckdb');
const site = join(dir, 'site');

/** Names from an imported regions file that would run a script if a page did not escape them. */
const scriptCommunity = '<script>alert(1)</script>社区';
const scriptStreet = `<script>alert(2)</script>"&'街道`;

/** Runs `manyi ARGS` (see runManyi.ts). */
const manyi = (...args: string[]) => runManyi([...args, '--db', db]);

/** Runs `manyi ARGS` and expects success, showing stderr when it fails. */
function ok(...args: string[]) {
  const run = manyi(...args);
  expect(run.status, run.stderr).toBe(0);
  return run;
}

/** Reads the database in this process while no command holds it. */
async function withDb<T>(read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ path: db });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/**
 * A small 示范市 for 2026, left open: 2 districts, 4 streets, 15 communities, about a third of
 * them with 3–9 responses, one community and its street named with markup.
 */
async function seedSmallYear(): Promise<void> {
  const regionRows = generateRegion({
    districts: 2,
    streetsPerDistrict: 2,
    communitiesPerStreet: [3, 4],
  }).map((row) => ({
    ...row,
    ...(row.street_code === 'D01S02' && { street_name: scriptStreet }),
    ...(row.community_code === 'D01S02C02' && { community_name: scriptCommunity }),
  }));
  await withDb((store) =>
    seedDemo(store, {
      years: [2026],
      regionRows,
      yearOptions: {
        smallSampleShare: 0.35,
        smallSample: [3, 9],
        responsesPerCommunity: { median: 40, logSd: 0.3, min: 12, max: 60 },
      },
    }),
  );
}

/** Every file the site holds, as text. */
function siteFiles(): Map<string, string> {
  return new Map(
    readdirSync(site, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, readFileSync(join(entry.parentPath, entry.name), 'utf8')]),
  );
}

describe('manyi workbook and manyi publish', () => {
  let stored: YearResults;
  beforeAll(seedSmallYear);

  it('refuses to publish a year that is not finalized, writing nothing', () => {
    const run = manyi('publish', '--year', '2026', '--out', site);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      '2026 年度测评为进行中,须先定稿才能发布(npx manyi campaign finalize --year 2026)',
    );
    expect(existsSync(site)).toBe(false);
  }, 120_000);

  it('refuses a workbook before scoring, then writes it from the stored run', async () => {
    const out = join(dir, '2026.xlsx');
    const early = manyi('workbook', '--year', '2026', '--out', out);
    expect(early.status).not.toBe(0);
    expect(early.stderr).toContain('2026 年度尚无评分结果');
    expect(existsSync(out)).toBe(false);

    ok('campaign', 'close', '--year', '2026');
    ok('score', '--year', '2026', '--seed', '5');
    const run = ok('workbook', '--year', '2026', '--out', out);
    expect(run.stdout).toContain('已写入 2026 年度工作簿(评分运行 1,3 张表:汇总、东城区、西湖区)');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '东城区', '西湖区']);
    expect(manyi('workbook', '--year', '2026', '--out', join(dir, 'x.csv')).stderr).toContain(
      '输出文件应以 .xlsx 结尾',
    );
  }, 120_000);

  it('publishes a finalized year: writes the site, then marks the year published', async () => {
    ok('campaign', 'finalize', '--year', '2026');
    const run = ok('publish', '--year', '2026', '--out', site);
    expect(run.stdout).toContain('已公布 2026 年度结果(评分运行 1)');
    expect(run.stdout).toContain('2026 年度测评:已定稿 → 已发布');
    stored = await withDb(async (store) => {
      expect((await getCampaign(store, 2026))!.state).toBe('published');
      return (await latestResults(store, 2026))!;
    });
    expect([...siteFiles().keys()].sort()).toEqual(['index.html', 'results-2026.csv']);
    // a published year may be written again, from the same run
    expect(ok('publish', '--year', '2026', '--out', site).stdout).not.toContain('→');
  }, 120_000);

  it('shows no unit with fewer than 10 responses anywhere: tables, charts, CSV, page source', () => {
    const small = stored.results.filter((r) => r.resident.n < 10);
    const shown = stored.results.filter((r) => r.resident.n >= 10);
    expect(small.map((r) => r.resident.n).every((n) => n >= 3 && n <= 9)).toBe(true);
    expect(small.length).toBeGreaterThanOrEqual(3);
    const files = siteFiles();
    for (const [name, text] of files) {
      for (const unit of small) {
        expect(text, `${name}: ${unit.code}`).not.toContain(unit.code);
        expect(text, `${name}: ${unit.name}`).not.toContain(unit.name);
      }
      // the check would see them: the published units are there, by name on the page, by code in the CSV
      for (const unit of shown.filter((u) => !/[<&"]/.test(u.name)))
        expect(text, name).toContain(name === 'index.html' ? unit.name : unit.code);
    }
    const html = files.get('index.html')!;
    expect(html).toContain(`${small.length} 个单位因样本少于 10 份未公布`);
  });

  it('holds no answer text, no response and no grid', async () => {
    const { suggestions, responses, grids } = await withDb(async (store) => ({
      suggestions: await store.query<{ text: string }>(
        `SELECT DISTINCT text FROM answers WHERE year = ? AND question = 'suggestion' AND text IS NOT NULL`,
        [2026],
      ),
      responses: await store.query<{ id: string }>(
        'SELECT id FROM responses WHERE year = ?',
        [2026],
      ),
      grids: await store.query<{ code: string }>(
        `SELECT code FROM campaign_units WHERE year = ? AND level = 'grid'`,
        [2026],
      ),
    }));
    // the short ones (无) are words any page may hold
    const texts = suggestions.map((s) => s.text).filter((t) => t.length >= 4);
    expect(texts.length).toBeGreaterThan(10);
    for (const [name, text] of siteFiles()) {
      for (const answer of texts) expect(text, `${name}: ${answer}`).not.toContain(answer);
      for (const { id } of responses) expect(text, name).not.toContain(id);
      for (const { code } of grids) expect(text, name).not.toContain(code);
    }
  });

  it('escapes names in the page and its SVG, and runs no script', () => {
    const html = siteFiles().get('index.html')!;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;社区');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g)!;
    expect(svgs).toHaveLength(2);
    // street names label the chart's rows
    expect(svgs[0]).toContain('&lt;script&gt;alert(2)&lt;/script&gt;&quot;&amp;');
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    const cells = [...document.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toContain(scriptCommunity);
    expect(cells).toContain(scriptStreet);
    const handlers = [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
    );
    expect(handlers).toEqual([]);
  });

  it('is a zh-CN page that requests nothing from elsewhere, with the CSV beside it', () => {
    const files = siteFiles();
    const html = files.get('index.html')!;
    const { document } = parseHTML(html);
    expect(document.documentElement.getAttribute('lang')).toBe('zh-CN');
    expect(
      document.querySelectorAll('link, img, iframe, object, embed, video, audio'),
    ).toHaveLength(0);
    const references = [...document.querySelectorAll('[src], [href]')].map(
      (e) => e.getAttribute('src') ?? e.getAttribute('href')!,
    );
    expect(references).toContain('results-2026.csv');
    for (const reference of references) expect(reference).toMatch(/^(#|results-2026\.csv$)/);
    expect(html).not.toMatch(/@import|url\(|@font-face/);
    // the only URLs are SVG's namespace, which is a name, not a request
    expect(new Set(html.match(/https?:\/\/[^\s"')]+/g))).toEqual(
      new Set(['http://www.w3.org/2000/svg']),
    );

    const csv = files.get('results-2026.csv')!;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      publicColumns()
        .map((c) => c.header)
        .join(','),
    );
    expect(lines).toHaveLength(1 + stored.results.filter((r) => r.resident.n >= 10).length);
  });
});
