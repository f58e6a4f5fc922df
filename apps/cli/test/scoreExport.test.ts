import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runManyi } from './runManyi.ts';
import type { Instrument } from '@manyi/domain/instrument';
import { latestResults, type YearResults } from '@manyi/scoring/latestResults';
import { resultColumns, resultRecords } from '@manyi/scoring/resultRecords';
import { openStore } from '@manyi/store/Store';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'manyi-score-'));
const reference = (file: string) => join(root, '../shared/reference', file);

/** Runs `manyi ARGS` (see runManyi.ts). */
const manyi = (...args: string[]) => runManyi(args);

/** Runs `manyi ARGS` and expects success, showing stderr when it fails. */
function ok(...args: string[]) {
  const run = manyi(...args);
  expect(run.status, run.stderr).toBe(0);
  return run;
}

/** Seeds a small 示范市 (2 districts, 4 streets, ~14 communities) for 2026 (in a child: the file stays locked by its opener). */
function seedSmallDemo(db: string) {
  const { status, stderr } = spawnSync(
    'node',
    ['--import', 'tsx', 'apps/cli/test/seedDemoDb.ts', db, '2026', 'small'],
    { cwd: root, encoding: 'utf8' },
  );
  expect(stderr).toBe('');
  expect(status).toBe(0);
}

/** The latest 2026 run of a database file, read in this process (no CLI holds the file now). */
async function stored(db: string): Promise<YearResults> {
  const store = await openStore({ path: db });
  try {
    return (await latestResults(store, 2026))!;
  } finally {
    await store.close();
  }
}

/** The rows of a CSV file as the export writes it (UTF-8 BOM, CRLF, RFC 4180 quoting). */
function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n')
      (row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = ''));
    else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('manyi estimate', () => {
  it('reproduces the R survey reference estimates to 1e-9', () => {
    const out = join(dir, 'estimates.csv');
    const run = ok('estimate', reference('resident-scores.csv'), '--out', out);
    expect(run.stdout).toContain('已写入 6 个社区的估计');
    const [header, ...actual] = readCsv(out);
    const [expectedHeader, ...expected] = readCsv(reference('resident-scores-expected.csv'));
    expect(header).toEqual(expectedHeader);
    expect(actual.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
    actual.forEach((row, i) =>
      row.slice(1).forEach((cell, j) => {
        const want = Number(expected[i]![j + 1]);
        expect(Math.abs(Number(cell) - want), `${row[0]} ${header![j + 1]}`).toBeLessThan(1e-9);
      }),
    );
  });

  it('names the columns a file lacks, and fails', () => {
    const run = manyi(
      'estimate',
      reference('resident-scores-expected.csv'),
      '--out',
      join(dir, 'x.csv'),
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('缺少列:respondent、grid、grid_population');
  });
});

describe('manyi score and manyi export results', () => {
  const db = join(dir, 'demo.duckdb');
  let results: YearResults;
  beforeAll(() => seedSmallDemo(db));

  it('refuses to export a year that was never scored, suggesting manyi score', () => {
    const out = join(dir, 'none.xlsx');
    const run = manyi('export', '--year', '2026', '--format', 'xlsx', '--out', out, '--db', db);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '2026 年度尚无评分结果,请先运行 npx manyi score --year 2026 / no results for 2026 yet',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a framework that breaks the policy, storing nothing', async () => {
    const framework = JSON.parse(readFileSync(join(root, 'data/frameworks/default.json'), 'utf8'));
    framework.community.indicators[0].weight = 0.4;
    framework.community.indicators[1].weight = 0.6;
    const path = join(dir, 'low-satisfaction.json');
    writeFileSync(path, JSON.stringify(framework));
    const run = manyi('score', '--year', '2026', '--framework', path, '--db', db);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`指标体系 ${path} 不符合要求 / the framework ${path} is refused`);
    expect(await stored(db)).toBeUndefined();
  });

  it('scores the year, printing steps on stderr and a summary on stdout', async () => {
    const run = ok('score', '--year', '2026', '--seed', '11', '--db', db);
    // not a terminal: one plain line per step, in order
    const steps = run.stderr.split('\n').filter((l) => /^\[\d\/6\]/.test(l));
    expect(steps.map((l) => l.slice(0, 5))).toEqual([
      '[1/6]',
      '[2/6]',
      '[3/6]',
      '[4/6]',
      '[5/6]',
      '[6/6]',
    ]);
    expect(steps[0]).toBe('[1/6] 检查测评与指标体系 / checking the campaign and framework…');
    expect(steps[5]).toBe('[6/6] 保存结果 / storing the results…');
    results = await stored(db);
    expect(results.run).toMatchObject({ runId: 1, seed: 11 });
    const communities = results.results.filter((r) => r.level === 'community');
    const few = results.results.filter((r) => r.flags.includes('样本不足')).length;
    expect(run.stdout).toContain(
      `已完成 2026 年度评分:${communities.length} 个社区/村、4 个街道/乡镇,其中 ${few} 个样本不足(不参与排名);运行编号 1`,
    );
    expect(communities.length).toBeGreaterThanOrEqual(12);
  });

  it('exports xlsx with the Chinese headers, codes as text, numbers as stored, formats', async () => {
    const out = join(dir, 'results.xlsx');
    const run = ok('export', '--year', '2026', '--format', 'xlsx', '--out', out, '--db', db);
    expect(run.stdout).toContain(`已导出 2026 年度评分结果(运行编号 1,`);
    // dimensions headed by their names in the year's resident instrument
    const resident = JSON.parse(
      readFileSync(join(root, 'data/instruments/resident.json'), 'utf8'),
    ) as Instrument;
    const names = Object.fromEntries(resident.dimensions.map((d) => [d.code, d.name]));
    const columns = resultColumns(results.results, names);
    expect(columns.map((c) => c.header)).toContain(`${resident.dimensions[0]!.name}得分`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(columns.map((_, i) => header.getCell(i + 1).value)).toEqual(
      columns.map((c) => c.header),
    );
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(header.getCell(1).value).toBe('年度');
    expect(sheet.rowCount).toBe(results.results.length + 1);
    results.results.forEach((unit, i) => {
      const row = sheet.getRow(i + 2);
      columns.forEach((column, j) => {
        const cell = row.getCell(j + 1);
        const value = column.value(unit);
        const where = `${unit.code} ${column.key}`;
        if (value === null) expect(cell.value, where).toBeNull();
        else if (typeof value === 'boolean') expect(cell.value, where).toBe(value ? '是' : '否');
        else {
          expect(cell.value, where).toBe(value);
          expect(cell.type, where).toBe(
            typeof value === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String,
          );
        }
      });
    });
    const cellOf = (row: number, key: string) =>
      sheet.getRow(row).getCell(columns.findIndex((c) => c.key === key) + 1);
    expect(cellOf(2, 'code').numFmt).toBe('@');
    expect(cellOf(2, 'composite').numFmt).toBe('0.0');
    expect(cellOf(2, 'satisfied_rate').numFmt).toBe('0.0%');
    expect(cellOf(2, 'rank_district').numFmt).toBe('0');
    expect(workbook.worksheets[1]!.getRow(2).values).toEqual([undefined, '运行编号 run', 1]);
  });

  it('exports csv with the keys as headers and numbers in full precision, and json records', async () => {
    const csv = join(dir, 'results.csv');
    ok('export', 'results', '--year', '2026', '--out', csv, '--db', db);
    const columns = resultColumns(results.results);
    const [header, ...rows] = readCsv(csv);
    expect(header).toEqual(columns.map((c) => c.key));
    expect(rows).toEqual(
      results.results.map((unit) =>
        columns.map((c) => {
          const value = c.value(unit);
          return value === null ? '' : String(value);
        }),
      ),
    );
    // numbers written in full survive the trip exactly
    expect(rows.map((r) => Number(r[header!.indexOf('composite')]))).toEqual(
      results.results.map((r) => r.composite ?? 0),
    );

    const json = join(dir, 'results.json');
    ok('export', '--year', '2026', '--format', 'json', '--out', json, '--db', db);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(resultRecords(results.results));

    const mismatch = manyi(
      'export',
      '--year',
      '2026',
      '--format',
      'csv',
      '--out',
      join(dir, 'r.xlsx'),
      '--db',
      db,
    );
    expect(mismatch.status).not.toBe(0);
    expect(mismatch.stderr).toContain('--format csv 与文件扩展名 .xlsx 不一致');
    // exporting never scores: still the one run
    expect((await stored(db)).run.runId).toBe(1);
  });

  it(
    'round-trips: regions and responses through xlsx into a fresh database score the same',
    { timeout: 300_000 },
    async () => {
      const file = (name: string) => join(dir, `${name}.xlsx`);
      ok('export', 'regions', '--out', file('regions'), '--db', db);
      const instruments = ['resident', 'community_to_street', 'street_to_community'];
      for (const name of instruments)
        ok(
          'export',
          'responses',
          '--year',
          '2026',
          '--instrument',
          name,
          '--out',
          file(name),
          '--db',
          db,
        );

      const fresh = join(dir, 'fresh.duckdb');
      ok('import', 'regions', file('regions'), '--db', fresh);
      ok(
        'campaign',
        'create',
        '--year',
        '2026',
        '--title',
        '2026年度测评',
        '--instruments',
        join(root, 'data/instruments'),
        '--db',
        fresh,
      );
      ok('campaign', 'open', '--year', '2026', '--db', fresh);
      for (const name of instruments)
        ok(
          'import',
          'responses',
          file(name),
          '--year',
          '2026',
          '--instrument',
          name,
          '--db',
          fresh,
        );
      ok('campaign', 'close', '--year', '2026', '--db', fresh);
      ok('score', '--year', '2026', '--seed', '11', '--db', fresh);

      const again = await stored(fresh);
      expect(again.results.length).toBe(results.results.length);
      // every number — composites, scores, SEs, intervals, rates, ranks and rank intervals
      expect(resultRecords(again.results)).toEqual(resultRecords(results.results));
      expect(again.results).toEqual(results.results);
    },
  );
});

describe('manyi import figures', () => {
  const db = join(dir, 'figures.duckdb');
  let communities: string[];
  beforeAll(async () => {
    seedSmallDemo(db);
    const store = await openStore({ path: db });
    communities = (
      await store.query<{ code: string }>(
        "SELECT code FROM units WHERE level = 'community' ORDER BY code",
      )
    ).map((r) => r.code);
    await store.close();
  });

  it('refuses a file with bad rows, imports a good one, and scoring uses it', async () => {
    const [first, second] = communities as [string, string];
    const bad = join(dir, 'bad-figures.csv');
    writeFileSync(
      bad,
      `unit_code,year,value\nNOPE,2026,0.9\n${first},2026,九成\n${first},2026,0.8\n${second},26,0.5\n`,
    );
    const refused = manyi('import', 'figures', bad, '--figure', 'closure_rate', '--db', db);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(
      '第 2 行 row 2, unit_code: 没有编码为"NOPE"的社区/村或街道/乡镇',
    );
    expect(refused.stderr).toContain('第 3 行 row 3, value: 应为数值,而不是"九成"');
    expect(refused.stderr).toContain('第 4 行 row 4, unit_code: 与第 3 行重复');
    expect(refused.stderr).toContain(
      '第 5 行 row 5, year: 年度应为 2000–2100 之间的整数,而不是"26"',
    );
    expect(refused.stderr).toContain('未导入任何数据');

    const good = join(dir, 'figures.csv');
    writeFileSync(good, `unit_code,year,value\n${first},2026,0.9\n${second},2026,\n`);
    const run = ok('import', 'figures', good, '--figure', 'closure_rate', '--db', db);
    expect(run.stdout).toContain('已导入指标数据 closure_rate:1 个值');

    const framework = JSON.parse(readFileSync(join(root, 'data/frameworks/default.json'), 'utf8'));
    framework.community.indicators = [
      { ...framework.community.indicators[0], weight: 0.6 },
      { ...framework.community.indicators[1], weight: 0.3 },
      {
        code: 'closure',
        name: '诉求办结率',
        weight: 0.1,
        category: 'objective',
        source: { kind: 'objective', figure: 'closure_rate', min: 0, max: 1 },
      },
    ];
    const path = join(dir, 'with-closure.json');
    writeFileSync(path, JSON.stringify(framework));
    ok('score', '--year', '2026', '--framework', path, '--db', db);
    const { results } = await stored(db);
    const unit = (code: string) => results.find((r) => r.code === code)!;
    expect(unit(first).indicators.closure).toEqual({ score: 90, se: 0 });
    expect(unit(second).flags).toContain('缺少指标:closure');
  });

  it('refuses figures for a finalized year', () => {
    ok('campaign', 'close', '--year', '2026', '--db', db);
    ok('campaign', 'finalize', '--year', '2026', '--db', db);
    const file = join(dir, 'late-figures.csv');
    writeFileSync(file, `unit_code,year,value\n${communities[0]},2026,0.5\n`);
    const run = manyi('import', 'figures', file, '--figure', 'closure_rate', '--db', db);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('2026 年度测评已定稿,数据已冻结,不能修改');
  });
});
