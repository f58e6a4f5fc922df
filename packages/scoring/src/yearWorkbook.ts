import { rename, rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { getCampaign } from '@manyi/store/campaigns';
import { cellOfInstant } from '@manyi/store/responseTable';
import type { Store } from '@manyi/store/Store';
import type { ScoringRun } from './latestResults.ts';
import { responseRates, type ResponseRate } from './responseRates.ts';
import { scoredResults } from './scoredResults.ts';
import { sheetNames } from './sheetNames.ts';
import { tooFewResponses, type UnitResult } from './unitResult.ts';
import {
  summaryColumns,
  unitColumns,
  type SummaryRow,
  type WorkbookColumn,
} from './yearWorkbookColumns.ts';

/** The name of the workbook's first sheet. */
export const summarySheetName = '汇总';

/** What `writeYearWorkbook` wrote. */
export interface YearWorkbook {
  run: ScoringRun;
  /** Sheet names in order: the summary, then one per district. */
  sheets: string[];
}

/**
 * Writes the year-end workbook of a year's latest stored run (nothing recomputed): a summary
 * sheet (汇总: per district counts, mean composites, star counts and response rates, then the run
 * and how to read the intervals) and one sheet per district listing its streets, then its
 * communities by street: response counts and rates, scores with 95% intervals, stars, ranks each
 * with its rank interval (`3(2–5)`), flags. Chinese headers, bold frozen header row, numbers as
 * numbers with formats (0.0, 0.0%), codes as text. The file appears whole or not at all.
 *
 * @example const { sheets } = await writeYearWorkbook(store, 2026, '2026年度测评结果.xlsx');
 */
export async function writeYearWorkbook(
  store: Store,
  year: number,
  path: string,
): Promise<YearWorkbook> {
  const stored = await scoredResults(store, year);
  const { run, results } = stored;
  const rates = new Map((await responseRates(store, year)).map((r) => [rateKey(r), r]));
  const title = (await getCampaign(store, year))?.title ?? `${year} 年度测评`;
  const districts = districtsOf(results);
  const names = sheetNames(
    districts.map((d) => d.name || d.code),
    [summarySheetName],
  );

  const partial = `${path}.${process.pid}.partial`;
  // streamed: rows go to the file as they are added, with no model of the whole workbook
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: partial,
    useStyles: true,
    useSharedStrings: true,
  });
  try {
    const summaryRows = [
      ...districts.map((d) => summaryOf(d.code, d.name, d.units, rates.get(`district:${d.code}`))),
      summaryOf(null, '全市', results, rates.get('city:')),
    ];
    const summary = addTable(workbook, summarySheetName, summaryColumns, summaryRows, {
      filter: false,
    });
    for (const row of aboutRows(run, title, year)) summary.addRow(row).commit();
    summary.commit();
    districts.forEach((d, i) => {
      const rows = d.units.map((unit) => ({ unit, rate: rates.get(`${unit.level}:${unit.code}`) }));
      addTable(workbook, names[i]!, unitColumns, rows, { filter: true }).commit();
    });
    await workbook.commit();
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { run, sheets: [summarySheetName, ...names] };
}

/**
 * Adds a sheet holding a table: a bold, frozen header row (with filter buttons if asked),
 * columns formatted by what they hold and wide enough to read. The caller commits the sheet
 * (after any rows below the table).
 */
function addTable<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly WorkbookColumn<Row>[],
  rows: readonly Row[],
  options: { filter: boolean },
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  if (options.filter)
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: rows.length + 1, column: columns.length },
    };
  sheet.columns = columns.map((c) => ({
    width: c.width ?? columnWidth(c, rows),
    style: { numFmt: c.format },
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
  return sheet;
}

/** The run, the campaign and how to read the figures, below the summary table. */
function aboutRows(run: ScoringRun, title: string, year: number): (string | number)[][] {
  const { settings } = run.framework;
  const level = `${Math.round(settings.rankIntervalLevel * 100)}%`;
  return [
    [],
    ['年度', year],
    ['测评', title],
    ['评分运行编号', run.runId],
    ['随机种子', run.seed],
    ['评分时间', `${cellOfInstant(run.createdAt).slice(0, 19).replace('T', ' ')}(北京时间)`],
    ['评分方法', run.method],
    ['指标体系', `${run.framework.title}(${run.framework.code})`],
    [],
    [
      '说明',
      `得分为 0–100 分。95% 区间 = 得分 ± 1.96 × 标准误,表示抽样带来的不确定性;两个单位的区间重叠较多时,得分差异可能只是抽样误差。`,
    ],
    [
      '',
      `排名区间:按综合得分的不确定性模拟 ${settings.rankDraws} 次,${level} 的模拟名次落在括号内,例如 3(2–5) 表示第 3 名,实际名次可能在第 2 至第 5 名之间;区间重叠的单位不宜区分名次。`,
    ],
    [
      '',
      `有效样本少于 ${settings.minResponses} 份的单位标注"${tooFewResponses}",不评星、不排名,得分仅供参考。`,
    ],
    [
      '',
      '区县内排名在同一区县、同一层级内进行;城乡分类排名在全市城市或农村同类单位中进行;同分并列(1,2,2,4)。',
    ],
    [
      '',
      '回收率 = 有效答卷 ÷ 发放问卷(邀请码 + 纸质问卷);扫码自愿作答的答卷只计入有效答卷,回收率可能超过 100%。',
    ],
    [
      '',
      '平均综合得分为有综合得分的单位(含样本不足单位)的简单平均。本表供考评使用,含样本不足 10 份的单位;公开发布请用 manyi publish(会隐去这些单位)。',
    ],
  ];
}

/** A district's or the city's summary over its units. */
function summaryOf(
  code: string | null,
  name: string,
  units: readonly UnitResult[],
  rate: ResponseRate | undefined,
): SummaryRow {
  const streets = units.filter((u) => u.level === 'street');
  const communities = units.filter((u) => u.level === 'community');
  return {
    code,
    name,
    streets: streets.length,
    communities: communities.length,
    tooFew: communities.filter((u) => u.flags.includes(tooFewResponses)).length,
    streetMean: meanComposite(streets),
    communityMean: meanComposite(communities),
    communityStars: starCounts(communities),
    streetStars: starCounts(streets),
    rate,
  };
}

/** The districts of the results in code order, each with its streets then its communities by street. */
function districtsOf(results: readonly UnitResult[]) {
  const districts = new Map<string, { code: string; name: string; units: UnitResult[] }>();
  for (const unit of results) {
    const district = districts.get(unit.districtCode);
    if (district) district.units.push(unit);
    else
      districts.set(unit.districtCode, {
        code: unit.districtCode,
        name: unit.districtName,
        units: [unit],
      });
  }
  const order = (u: UnitResult) =>
    u.level === 'street' ? `0 ${u.code}` : `1 ${u.streetCode ?? ''} ${u.code}`;
  return [...districts.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => ({ ...d, units: d.units.sort((a, b) => order(a).localeCompare(order(b))) }));
}

/** The mean composite of the units that have one. */
function meanComposite(units: readonly UnitResult[]): number | null {
  const composites = units.flatMap((u) => (u.composite === null ? [] : [u.composite]));
  return composites.length ? composites.reduce((a, b) => a + b, 0) / composites.length : null;
}

/** Units per star rating, indexed 1–5. */
function starCounts(units: readonly UnitResult[]): number[] {
  const counts = [0, 0, 0, 0, 0, 0];
  for (const u of units) if (u.stars !== null) counts[u.stars]!++;
  return counts;
}

/** The response rate's key: level and code (`city:` for the city). */
function rateKey(rate: ResponseRate): string {
  return `${rate.level}:${rate.code ?? ''}`;
}

/** A column wide enough for its header and its widest value (CJK characters count double). */
function columnWidth<Row>(column: WorkbookColumn<Row>, rows: readonly Row[]): number {
  const width = (value: string | number | null) =>
    typeof value === 'number'
      ? 8
      : [...(value ?? '')].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  let widest = width(column.header);
  for (const row of rows.slice(0, 500)) widest = Math.max(widest, width(column.value(row)));
  return Math.min(Math.max(widest + 2, 8), 40);
}
