import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { latestResults, type YearResults } from '../src/latestResults.ts';
import { responseRates, type ResponseRate } from '../src/responseRates.ts';
import type { UnitResult } from '../src/unitResult.ts';
import { sheetNames } from '../src/sheetNames.ts';
import { writeYearWorkbook } from '../src/yearWorkbook.ts';
import { scoredSmallYear } from './publishFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'manyi-workbook-'));

/** The headers of a district sheet, in order. */
const unitHeaders = [
  '层级',
  '街道编码',
  '街道(乡镇)',
  '编码',
  '名称',
  '类型',
  '有效样本',
  '居民满意度',
  '满意度95%下限',
  '满意度95%上限',
  '满意率',
  '街道对社区评价',
  '社区对街道评价',
  '减负达标率',
  '综合得分',
  '综合得分95%下限',
  '综合得分95%上限',
  '星级',
  '区县内排名(90%区间)',
  '区县内参评数',
  '城乡分类排名(90%区间)',
  '城乡分类参评数',
  '发放问卷(份)',
  '有效答卷(份)',
  '回收率',
  '标记',
];

describe('writeYearWorkbook', () => {
  let store: Store;
  let stored: YearResults;
  let rates: ResponseRate[];
  const workbook = new ExcelJS.Workbook();
  const path = join(dir, '2026年度测评.xlsx');

  beforeAll(async () => {
    store = await scoredSmallYear();
    stored = (await latestResults(store, 2026))!;
    rates = await responseRates(store, 2026);
    await writeYearWorkbook(store, 2026, path);
    await workbook.xlsx.readFile(path);
  });
  afterAll(() => store.close());

  /** The cells of a sheet's row, 1-based columns mapped to an array. */
  const cells = (sheet: ExcelJS.Worksheet, row: number, columns: number) =>
    Array.from({ length: columns }, (_, i) => sheet.getRow(row).getCell(i + 1));

  it('has the summary sheet, then one sheet per district named after it', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '东城区', '西湖区']);
  });

  it('freezes a bold header row on every sheet', () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
    }
  });

  it("lists a district's streets, then its communities by street, with the stored numbers", () => {
    // the fixture hands out paper questionnaires in one street: some rates are numbers
    expect(rates.filter((r) => r.level === 'community' && r.responseRate !== null)).toHaveLength(4);
    for (const sheet of workbook.worksheets.slice(1)) {
      const units = stored.results.filter((r) => r.districtName === sheet.name);
      expect(cells(sheet, 1, unitHeaders.length).map((c) => c.value)).toEqual(unitHeaders);
      expect(sheet.rowCount).toBe(units.length + 1);
      const streets = units.filter((u) => u.level === 'street').map((u) => u.code);
      const shown = Array.from({ length: units.length }, (_, i) =>
        String(sheet.getRow(i + 2).getCell(4).value),
      );
      expect(shown.slice(0, streets.length)).toEqual(streets.sort());
      units.forEach((unit) => {
        const row = shown.indexOf(unit.code) + 2;
        const [, streetCode, , code, name, , n, resident, low, high, satisfied] = cells(
          sheet,
          row,
          unitHeaders.length,
        );
        const at = (header: string) => sheet.getRow(row).getCell(unitHeaders.indexOf(header) + 1);
        // codes are text, formatted as text
        for (const cell of [streetCode!, code!]) {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          expect(cell.numFmt).toBe('@');
        }
        expect(code!.value).toBe(unit.code);
        expect(name!.value).toBe(unit.name);
        expect(n!.value).toBe(unit.resident.n);
        expectNumber(resident!, unit.resident.score, '0.0');
        expectNumber(low!, unit.resident.low, '0.0');
        expectNumber(high!, unit.resident.high, '0.0');
        expectNumber(satisfied!, unit.resident.satisfiedRate, '0.0%');
        expectNumber(at('综合得分'), unit.composite, '0.0');
        expectNumber(at('综合得分95%下限'), unit.compositeLow, '0.0');
        expectNumber(at('综合得分95%上限'), unit.compositeHigh, '0.0');
        expect(at('星级').value).toBe(unit.stars);
        expect(at('区县内排名(90%区间)').value).toBe(rankText(unit, 'rankInDistrict'));
        expect(at('城乡分类排名(90%区间)').value).toBe(rankText(unit, 'rankInClass'));
        expect(at('区县内参评数').value).toBe(unit.rankInDistrict?.of ?? null);
        expect(at('标记').value).toBe(unit.flags.join(';') || null);
        const rate = rates.find((r) => r.level === unit.level && r.code === unit.code)!;
        expect(at('发放问卷(份)').value).toBe(rate.distributed);
        expect(at('有效答卷(份)').value).toBe(rate.validResponses);
        expectNumber(at('回收率'), rate.responseRate, '0.0%');
      });
    }
  });

  it('summarizes each district and the city, then names the run', () => {
    const sheet = workbook.getWorksheet('汇总')!;
    const header = cells(sheet, 1, 20).map((c) => c.value);
    expect(header.slice(0, 7)).toEqual([
      '区县编码',
      '区县',
      '街道(乡镇)数',
      '社区(村)数',
      '其中样本不足',
      '街道平均综合得分',
      '社区平均综合得分',
    ]);
    expect(header.slice(17)).toEqual(['发放问卷(份)', '有效答卷(份)', '回收率']);
    const column = (name: string) => header.indexOf(name) + 1;
    const groups = [
      ...['D01', 'D02'].map((code) => stored.results.filter((r) => r.districtCode === code)),
      stored.results,
    ];
    groups.forEach((units, i) => {
      const row = sheet.getRow(i + 2);
      const communities = units.filter((u) => u.level === 'community');
      const composites = communities.map((u) => u.composite!);
      expect(row.getCell(1).type).toBe(i < 2 ? ExcelJS.ValueType.String : ExcelJS.ValueType.Null);
      expect(row.getCell(2).value).toBe(i < 2 ? units[0]!.districtName : '全市');
      expect(row.getCell(column('社区(村)数')).value).toBe(communities.length);
      expect(row.getCell(column('其中样本不足')).value).toBe(
        communities.filter((u) => u.flags.includes('样本不足')).length,
      );
      expect(row.getCell(column('社区平均综合得分')).value).toBeCloseTo(
        composites.reduce((a, b) => a + b) / composites.length,
        10,
      );
      for (const stars of [5, 4, 3, 2, 1])
        expect(row.getCell(column(`社区${stars}星`)).value).toBe(
          communities.filter((u) => u.stars === stars).length,
        );
      const rate = rates.find((r) =>
        i < 2 ? r.level === 'district' && r.code === units[0]!.districtCode : r.level === 'city',
      )!;
      expect(row.getCell(column('有效答卷(份)')).value).toBe(rate.validResponses);
      expectNumber(row.getCell(column('回收率')), rate.responseRate, '0.0%');
    });
    const facts = new Map<unknown, unknown>();
    sheet.eachRow((row) => facts.set(row.getCell(1).value, row.getCell(2).value));
    expect(facts.get('评分运行编号')).toBe(stored.run.runId);
    expect(facts.get('随机种子')).toBe(5);
    expect(String(facts.get('说明'))).toContain('95% 区间');
  });

  it('refuses a year that was never scored, writing nothing', async () => {
    const missing = join(dir, 'none.xlsx');
    await expect(writeYearWorkbook(store, 2025, missing)).rejects.toThrow(
      '2025 年度尚无评分结果,请先运行 npx manyi score --year 2025',
    );
  });
});

describe('sheetNames', () => {
  it("keeps to Excel's rules: no []:*?/\\, 31 characters, unique, not History or a reserved name", () => {
    expect(
      sheetNames(
        ['东城区', 'a/b:c[1]*?\\', '长'.repeat(40), '东城区', '汇总', 'HISTORY', "'引号'", ''],
        ['汇总'],
      ),
    ).toEqual([
      '东城区',
      'a_b_c_1____',
      '长'.repeat(31),
      '东城区(2)',
      '汇总(2)',
      'HISTORY(2)',
      '引号',
      '区县8',
    ]);
  });
});

/** A cell holding the stored number (or nothing), shown in the given format. */
function expectNumber(cell: ExcelJS.Cell, value: number | null, format: string): void {
  if (value === null) return expect(cell.value).toBeNull();
  expect(cell.value).toBe(value);
  expect(cell.type).toBe(ExcelJS.ValueType.Number);
  expect(cell.numFmt).toBe(format);
}

/** A rank as the workbook writes it: never without its interval. */
function rankText(unit: UnitResult, key: 'rankInDistrict' | 'rankInClass'): string {
  const rank = unit[key];
  if (rank) return `${rank.rank}(${rank.low}–${rank.high})`;
  return unit.flags.includes('样本不足') ? '未排名(样本不足)' : '未排名';
}
