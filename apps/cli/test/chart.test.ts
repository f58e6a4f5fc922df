import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import { scoreYear } from '@manyi/scoring/scoreYear';
import { setCampaignState } from '@manyi/store/campaigns';
import { openStore } from '@manyi/store/Store';
import { runManyi } from './runManyi.ts';

const dir = mkdtempSync(join(tmpdir(), 'manyi-chart-'));
const db = join(dir, 'demo.duckdb');
const shots = '/tmp/manyi-shots';

/** Runs `manyi ARGS --db DB`. */
const manyi = (...args: string[]) => runManyi([...args, '--db', db]);

beforeAll(async () => {
  // a small 示范市 for 2026, scored: 2 districts, 4 streets, 15 communities
  const store = await openStore({ path: db });
  await seedDemo(store, {
    years: [2026],
    regionRows: generateRegion({
      districts: 2,
      streetsPerDistrict: 2,
      communitiesPerStreet: [3, 4],
    }),
  });
  await setCampaignState(store, 2026, 'closed');
  await scoreYear(store, 2026, { seed: 5 });
  await store.close();
  mkdirSync(shots, { recursive: true });
});

describe('manyi chart', () => {
  it('draws a PNG of the stored results', () => {
    const out = join(shots, 'cli-residentScoresByStreet.png');
    const run = manyi('chart', '--year', '2026', '--chart', 'residentScoresByStreet', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`已绘制 2026 年度「各街道(乡镇)社区居民满意度」:${out}`);
    const png = readFileSync(out);
    expect(png.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    // 640 px and 12 px margins each side, at twice the size
    expect(png.readUInt32BE(16)).toBe(1328);
    expect(png.length).toBeGreaterThan(20_000);
  });

  it("draws one district's chart as a standalone SVG", () => {
    const out = join(dir, 'streets-D01.svg');
    const run = manyi(
      'chart',
      '--year',
      '2026',
      '--chart',
      'streetsSideBySide',
      '--district',
      'D01',
      '--format',
      'svg',
      '--width',
      '720',
      '--out',
      out,
    );
    expect(run.status, run.stderr).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('2026年 各街道(乡镇)及其社区(村)得分');
    expect(svg).not.toContain('<figure');
    // only D01's streets
    expect(svg).not.toMatch(/D02S\d/);
  });

  it('refuses an unknown chart, a district the year lacks and an unscored year, writing nothing', () => {
    const out = join(dir, 'never.png');
    const unknown = manyi('chart', '--year', '2026', '--chart', 'pie', '--out', out);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('residentScoresByStreet');
    const district = manyi(
      'chart',
      '--year',
      '2026',
      '--chart',
      'starCounts',
      '--district',
      'D09',
      '--out',
      out,
    );
    expect(district.status).not.toBe(0);
    expect(district.stderr).toContain('2026 年度结果中没有区县 D09');
    const unscored = manyi('chart', '--year', '2027', '--chart', 'starCounts', '--out', out);
    expect(unscored.status).not.toBe(0);
    expect(unscored.stderr).toContain('2027 年度尚无评分结果');
    expect(existsSync(out)).toBe(false);
  });
});
