import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { latestResults, type YearResults } from '../src/latestResults.ts';
import { escapeHtml } from '../src/publicPage.ts';
import {
  publicColumns,
  publicResults,
  publicTable,
  type PublicResults,
} from '../src/publicResults.ts';
import { publishYear, type PublicResidentScore } from '../src/publishYear.ts';
import { scoredSmallYear } from './publishFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'manyi-public-'));

describe('publicResults', () => {
  let store: Store;
  let stored: YearResults;
  let published: PublicResults;
  beforeAll(async () => {
    store = await scoredSmallYear();
    stored = (await latestResults(store, 2026))!;
    published = (await publicResults(store, 2026))!;
  });
  afterAll(() => store.close());

  const shown = () => published.districts.flatMap((d) => [...d.streets, ...d.communities]);

  it('leaves out every unit with fewer than 10 respondents, and only those, counting them', () => {
    const small = stored.results.filter((r) => r.resident.n < 10);
    // the fixture has communities of 3–9 respondents
    expect(small.length).toBeGreaterThanOrEqual(3);
    expect(
      shown()
        .map((u) => u.code)
        .sort(),
    ).toEqual(
      stored.results
        .filter((r) => r.resident.n >= 10)
        .map((r) => r.code)
        .sort(),
    );
    expect(published.suppressed).toBe(small.length);
    expect(published.districts.map((d) => d.suppressed)).toEqual(
      ['D01', 'D02'].map((code) => small.filter((r) => r.districtCode === code).length),
    );
  });

  it('orders each ranking best first, units without a rank after', () => {
    for (const district of published.districts)
      for (const units of [district.streets, district.communities]) {
        const ranks = units.map((u) => u.rankInDistrict?.rank ?? Infinity);
        expect(ranks).toEqual(ranks.toSorted((a, b) => a - b));
      }
  });

  it('keeps the CSV to the public columns: no dimension, rating, SE or grid flag', () => {
    const table = publicTable(published);
    expect(table.columns).toEqual(publicColumns().map((c) => c.header));
    expect(table.columns).not.toContain('居民满意度标准误');
    expect(table.columns).not.toContain('街道评价');
    expect(table.columns.some((c) => c.endsWith(' 得分'))).toBe(false);
    expect(table.rows).toHaveLength(shown().length);
    const flags = table.columns.indexOf('标记');
    expect(new Set(table.rows.map((r) => r[flags]))).toEqual(new Set(['', '样本不足']));
    // scores to one decimal, as the page shows them
    const composite = table.columns.indexOf('综合得分');
    table.rows.forEach((row, i) =>
      expect(row[composite]).toBe(String(Math.round(shown()[i]!.composite! * 10) / 10)),
    );
    // a street's resident score is left out: with its communities it would give away a suppressed one
    const resident = table.columns.indexOf('居民满意度');
    const level = table.columns.indexOf('层级');
    for (const row of table.rows) if (row[level] === '街道(乡镇)') expect(row[resident]).toBe('');
  });
});

describe('publishYear', () => {
  let store: Store;
  beforeAll(async () => {
    store = await scoredSmallYear();
  });
  afterAll(() => store.close());

  it('refuses a year that is not finalized, writing nothing', async () => {
    const out = join(dir, 'closed');
    await expect(publishYear(store, 2026, out, { drawScores: () => '' })).rejects.toThrow(
      '2026 年度测评为已结束,只有已定稿或已发布的年度可以公布结果',
    );
    await expect(publishYear(store, 2031, out, { drawScores: () => '' })).rejects.toThrow(
      '没有 2031 年度的测评',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('writes the page and the CSV of a finalized year, drawing published communities only', async () => {
    await setCampaignState(store, 2026, 'finalized');
    const drawn: PublicResidentScore[][] = [];
    const out = join(dir, 'finalized');
    const site = await publishYear(store, 2026, out, {
      drawScores: (rows, options) => {
        drawn.push(rows);
        return `<svg data-district="${escapeHtml(options.district)}"></svg>`;
      },
    });
    expect(site.files).toEqual([join(out, 'index.html'), join(out, 'results-2026.csv')]);
    expect(drawn).toHaveLength(2);
    expect(drawn.flat().every((r) => r.n >= 10)).toBe(true);
    const html = readFileSync(site.files[0]!, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<svg data-district="D01"></svg>');
    expect(html).toContain(`${site.suppressed} 个单位因样本少于 10 份未公布`);
    expect(readFileSync(site.files[1]!, 'utf8')).toMatch(/^\uFEFF年度,层级,/);
  });
});
