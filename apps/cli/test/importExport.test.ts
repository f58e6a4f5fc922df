import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runManyi } from './runManyi.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'manyi-cli-'));

/** Runs `manyi ARGS` (see runManyi.ts). */
const manyi = (...args: string[]) => runManyi(args, { tz: 'UTC' });

/** Gives a database a 2026 campaign in `state` with the repository's instruments (in a child: the file stays locked by its opener). */
function openCampaign(db: string, state = 'open') {
  const { status, stderr } = spawnSync(
    'node',
    ['--import', 'tsx', 'apps/cli/test/openCampaign.ts', db, '2026', state],
    { cwd: root, encoding: 'utf8' },
  );
  expect(stderr).toBe('');
  expect(status).toBe(0);
}

/** A CSV file in the test directory (as Excel's "CSV UTF-8" writes it: BOM, CRLF). */
function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, '\uFEFF' + lines.map((l) => l + '\r\n').join(''));
  return path;
}

const regionHeader =
  'district_code,district_name,street_code,street_name,street_kind,community_code,community_name,community_kind,grid_code,grid_name,population';
const goodRegions = csvFile('regions.csv', [
  regionHeader,
  '01,东区,0101,东街道,街道,010101,幸福社区,urban,01010101,一网格,500',
  '01,东区,0101,东街道,街道,010101,幸福社区,urban,01010102,二网格,300',
  '01,东区,0102,东镇,乡镇,010201,柳村,rural,01020101,柳村网格,',
]);

const resident = JSON.parse(readFileSync(join(root, 'data/instruments/resident.json'), 'utf8'));
const questions: { name: string; type: string }[] = resident.survey.pages
  .flatMap((p: { elements: unknown[] }) => p.elements)
  .filter((q: { type: string }) => q.type !== 'html');
const responseHeader = [
  'response_id',
  'campaign_year',
  'instrument',
  'community_code',
  'grid_code',
  'submitted_at',
  ...questions.map((q) => q.name),
].join(',');
/** A resident row answering every rating with `rating`. */
const responseLine = (
  id: string,
  community: string,
  grid: string,
  rating: string,
  submittedAt = '2026-11-20 09:30',
) =>
  [
    id,
    '2026',
    'resident',
    community,
    grid,
    submittedAt,
    ...questions.map((q) =>
      q.name === 'suggestion'
        ? '多装路灯'
        : q.name === 'residence'
          ? 'registered'
          : q.name === 'years'
            ? ''
            : q.name === 'overall' && rating === 'na'
              ? '3'
              : rating,
    ),
  ].join(',');

describe('manyi import regions', () => {
  it(
    'refuses a file with bad rows, printing each on stderr, and imports nothing',
    { timeout: 20_000 },
    () => {
      const db = join(dir, 'bad-regions.duckdb');
      const bad = csvFile('bad-regions.csv', [
        regionHeader,
        '01,东区,0101,东街道,街道,010101,幸福社区,urban,01010101,一网格,500',
        '01,东区,0101,东街道,镇,010101,幸福社区,urban,01010102,二网格,300',
        '01,东区,0101,东街道,街道,010101,别名社区,urban,01010103,三网格,200',
        '01,东区,0101,东街道,街道,010101,幸福社区,urban,01010104,四网格,abc',
      ]);
      const run = manyi('import', 'regions', bad, '--db', db);
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        '第 3 行 row 3, street_kind: 应为"街道"或"乡镇",而不是"镇" / must be 街道 or 乡镇, not "镇"',
      );
      expect(run.stderr).toContain(
        '第 4 行 row 4, community_name: 010101 在第 2 行名为"幸福社区" / 010101 is named "幸福社区" in row 2',
      );
      expect(run.stderr).toContain(
        '第 5 行 row 5, population: 人口应为不小于 0 的整数,而不是"abc"',
      );
      expect(run.stderr).toContain(
        '共 3 处错误(3 行),未导入任何数据 / 3 problem(s) in 3 row(s): nothing was imported',
      );
      expect(manyi('export', 'regions', '--out', join(dir, 'none.csv'), '--db', db).stdout).toMatch(
        /已导出 0 行/,
      );
    },
  );

  it('imports a good file, and refuses an unknown file type', { timeout: 20_000 }, () => {
    const db = join(dir, 'good-regions.duckdb');
    const run = manyi('import', 'regions', goodRegions, '--db', db);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      '已导入区划:1 个区/县、2 个街道/乡镇、2 个社区/村、3 个网格 / imported the region tree',
    );
    expect(run.status).toBe(0);
    const other = manyi('import', 'regions', join(dir, 'regions.xls'), '--db', db);
    expect(other.status).not.toBe(0);
    expect(other.stderr).toMatch(/不支持的文件类型".xls".*unsupported file type/);
  });
});

describe('manyi import responses and manyi export', () => {
  it(
    'imports a good file, refuses a bad one, exports and re-imports the same rows through xlsx',
    { timeout: 60_000 },
    () => {
      const db = join(dir, 'responses.duckdb');
      expect(manyi('import', 'regions', goodRegions, '--db', db).status).toBe(0);
      openCampaign(db);

      const bad = csvFile('bad-responses.csv', [
        responseHeader,
        responseLine('P-1', '010101', '01010101', '5'),
        responseLine('P-2', '010101', '01020101', '7'),
        responseLine('P-1', '999999', '', '4', '2026-13-01'),
      ]);
      const refused = manyi(
        'import',
        'responses',
        bad,
        '--year',
        '2026',
        '--instrument',
        'resident',
        '--db',
        db,
      );
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(
        '第 3 行 row 3, grid_code: 网格 01020101 属于 010201,不属于 010101',
      );
      expect(refused.stderr).toContain('第 3 行 row 3, svc_convenience: 答案 7 不是本题的选项');
      expect(refused.stderr).toContain(
        '第 3 行 row 3, overall: 评分 7 超出范围 / rating 7 is out of range',
      );
      expect(refused.stderr).toContain('第 4 行 row 4, response_id: 与第 2 行重复 / repeats row 2');
      expect(refused.stderr).toContain(
        '第 4 行 row 4, community_code: 2026 年度测评中没有编码为 999999 的社区/村',
      );
      expect(refused.stderr).toContain('第 4 行 row 4, submitted_at: "2026-13-01" 不是日期或时间');

      const good = csvFile('responses.csv', [
        responseHeader,
        responseLine('P-1', '010101', '01010101', '5'),
        responseLine('P-2', '010101', '01010102', 'na', '2026-11-21'),
        responseLine('P-3', '010201', '', '3', '2026-11-22T08:00:00+08:00'),
      ]);
      const imported = manyi(
        'import',
        'responses',
        good,
        '--year',
        '2026',
        '--instrument',
        'resident',
        '--db',
        db,
      );
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toContain(
        '已导入 3 份答卷(2026 年度 resident),涉及 2 个社区/村 / imported 3 responses (2026 resident) for 2 communities',
      );
      expect(imported.status).toBe(0);

      const exported = join(dir, 'responses.xlsx');
      const run = manyi(
        'export',
        'responses',
        '--year',
        '2026',
        '--instrument',
        'resident',
        '--format',
        'xlsx',
        '--out',
        exported,
        '--db',
        db,
      );
      expect(run.stdout).toContain(`已导出 3 行到 ${exported}`);
      const csvAgain = join(dir, 'again.csv');
      expect(
        manyi(
          'export',
          'responses',
          '--year',
          '2026',
          '--instrument',
          'resident',
          '--out',
          csvAgain,
          '--db',
          db,
        ).status,
      ).toBe(0);
      expect(readFileSync(csvAgain, 'utf8').split('\r\n')[3]).toBe(
        responseLine('P-3', '010201', '01020101', '3', '2026-11-22T08:00:00+08:00'),
      );

      const fresh = join(dir, 'fresh.duckdb');
      expect(manyi('import', 'regions', goodRegions, '--db', fresh).status).toBe(0);
      openCampaign(fresh);
      expect(
        manyi(
          'import',
          'responses',
          exported,
          '--year',
          '2026',
          '--instrument',
          'resident',
          '--db',
          fresh,
        ).stdout,
      ).toContain('已导入 3 份答卷');
      const roundTrip = join(dir, 'round-trip.csv');
      expect(
        manyi(
          'export',
          'responses',
          '--year',
          '2026',
          '--instrument',
          'resident',
          '--out',
          roundTrip,
          '--db',
          fresh,
        ).status,
      ).toBe(0);
      expect(readFileSync(roundTrip, 'utf8')).toBe(readFileSync(csvAgain, 'utf8'));
    },
  );

  it(
    'refuses a frozen year, and says the results export is not there yet',
    { timeout: 30_000 },
    () => {
      const db = join(dir, 'frozen.duckdb');
      expect(manyi('import', 'regions', goodRegions, '--db', db).status).toBe(0);
      openCampaign(db, 'finalized');
      const good = csvFile('frozen.csv', [
        responseHeader,
        responseLine('P-1', '010101', '01010101', '5'),
      ]);
      const refused = manyi(
        'import',
        'responses',
        good,
        '--year',
        '2026',
        '--instrument',
        'resident',
        '--db',
        db,
      );
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(
        '2026 年度测评已定稿(已定稿 finalized),数据已冻结,不能导入答卷',
      );
      const results = manyi(
        'export',
        '--year',
        '2026',
        '--format',
        'xlsx',
        '--out',
        join(dir, 'r.xlsx'),
        '--db',
        db,
      );
      expect(results.status).not.toBe(0);
      expect(results.stderr).toContain('2026 年度尚无评分结果');
    },
  );
});
