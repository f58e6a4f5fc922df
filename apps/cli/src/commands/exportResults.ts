import { rename, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command, Option } from 'commander';
import ExcelJS from 'exceljs';
import { bilingual } from '@manyi/domain/messages';
import type { ScoringRun } from '@manyi/scoring/latestResults';
import { resultColumns, type ResultColumn } from '@manyi/scoring/resultRecords';
import { scoredResults } from '@manyi/scoring/scoredResults';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { residentDimensionNames } from '@manyi/scoring/residentDimensionNames';
import { cellOfInstant } from '@manyi/store/responseTable';
import { tableBytes } from '@manyi/store/tableFile';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

/** The files the results export writes. */
export const resultFormats = ['csv', 'xlsx', 'json'] as const;
export type ResultFormat = (typeof resultFormats)[number];

type Cell = string | number | boolean | null;

interface ExportResultsOptions {
  year: number;
  format?: ResultFormat;
  out: string;
  db?: string;
}

/**
 * `manyi export [results] --year Y --format csv|xlsx|json --out FILE`: the year's latest stored
 * scoring run, never recomputed, in the columns of `resultColumns`: CSV with the keys as headers
 * and full-precision numbers; XLSX with the Chinese headers, codes as text, numbers as numbers
 * with formats (scores 0.0, rates 0.0%), a bold frozen header and a second sheet naming the run;
 * JSON as an array of records keyed like the CSV.
 *
 * @example program.addCommand(exportCommand(resultsExportCommand()));
 */
export function resultsExportCommand(): Command {
  return new Command('results')
    .description(
      "导出年度评分结果(最近一次评分运行,不重新计算)/ export a year's results: its latest scoring run, as stored",
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .addOption(
      new Option('--format <format>', '文件格式 / file format (default: from --out)').choices(
        resultFormats,
      ),
    )
    .requiredOption('--out <file>', '输出文件 / output file (.csv, .xlsx or .json)')
    .addOption(dbOption())
    .action((options: ExportResultsOptions) =>
      withStore(options.db, async (open) => {
        const format = formatOf(options.out, options.format);
        const store = await open();
        const stored = await scoredResults(store, options.year);
        const names = await residentDimensionNames(store, options.year);
        await writers[format](options.out, stored.results, stored.run, names);
        console.log(
          bilingual(
            `已导出 ${options.year} 年度评分结果(运行编号 ${stored.run.runId},${stored.results.length} 行)到 ${options.out}`,
            `exported the ${options.year} results (run ${stored.run.runId}, ${stored.results.length} rows) to ${options.out}`,
          ),
        );
      }),
    );
}

/** Writes results in each format; each file appears whole or not at all. */
const writers: Record<
  ResultFormat,
  (
    path: string,
    results: UnitResult[],
    run: ScoringRun,
    dimensionNames: Record<string, string>,
  ) => Promise<void>
> = {
  async csv(path, results) {
    const columns = resultColumns(results);
    const table = {
      columns: columns.map((c) => c.key),
      rows: results.map((r) => columns.map((c) => csvCell(c.value(r)))),
    };
    await writeWhole(path, await tableBytes(table, 'csv'));
  },
  async json(path, results) {
    const columns = resultColumns(results);
    const lines = results.map((r) =>
      JSON.stringify(Object.fromEntries(columns.map((c) => [c.key, c.value(r)]))),
    );
    await writeWhole(path, `[\n${lines.join(',\n')}\n]\n`);
  },
  async xlsx(path, results, run, dimensionNames) {
    await writeWhole(path, await resultsWorkbook(results, run, dimensionNames));
  },
};

/**
 * The results workbook: sheet 1 the results (Chinese headers, bold and frozen),
 * sheet 2 the run they come from. Streamed, so a province's results fit in memory.
 */
async function resultsWorkbook(
  results: UnitResult[],
  run: ScoringRun,
  dimensionNames: Record<string, string>,
): Promise<Buffer> {
  const columns = resultColumns(results, dimensionNames);
  const chunks: Buffer[] = [];
  const stream = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  // codes, names, flags and yes/no are text; a column of numbers (or only blanks) gets a format
  const textual = columns.map((c) =>
    results.some((r) => ['string', 'boolean'].includes(typeof c.value(r))),
  );
  const sheet = workbook.addWorksheet(`${run.year}年度结果`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({
    key: c.key,
    width: columnWidth(c, results),
    style: { numFmt: textual[i] ? '@' : numberFormat(c.key) },
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const r of results) sheet.addRow(columns.map((c) => xlsxCell(c.value(r)))).commit();
  sheet.commit();

  const about = workbook.addWorksheet('评分运行 run');
  about.columns = [{ width: 16 }, { width: 80 }];
  const facts: [string, string | number][] = [
    ['年度 year', run.year],
    ['运行编号 run', run.runId],
    ['计算时间 scored at', cellOfInstant(run.createdAt)],
    ['方法 method', run.method],
    ['随机种子 seed', run.seed],
  ];
  for (const fact of facts) about.addRow(fact).commit();
  about.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** The file format: `--format` if given (it must agree with the extension), else the extension. */
function formatOf(path: string, format: ResultFormat | undefined): ResultFormat {
  const ext = extname(path).slice(1).toLowerCase();
  const byName = (resultFormats as readonly string[]).includes(ext) ? (ext as ResultFormat) : null;
  if (format && byName && format !== byName)
    throw new Error(
      bilingual(
        `--format ${format} 与文件扩展名 ${extname(path)} 不一致`,
        `--format ${format} does not match the file extension ${extname(path)}`,
      ),
    );
  const chosen = format ?? byName;
  if (!chosen)
    throw new Error(
      bilingual(
        `无法从文件名 ${path} 判断格式,请使用 .csv、.xlsx 或 .json,或指定 --format`,
        `cannot tell the format from ${path}: use .csv, .xlsx or .json, or give --format`,
      ),
    );
  return chosen;
}

/** A value as CSV text: numbers in full (shortest round-trip) precision, null as an empty cell. */
function csvCell(value: Cell): string {
  return value === null ? '' : String(value);
}

/** A value as an XLSX cell: yes/no in Chinese for booleans, nothing for null. */
function xlsxCell(value: Cell): string | number | null {
  return typeof value === 'boolean' ? (value ? '是' : '否') : value;
}

/** The number format of a numeric column, by what its key measures. */
function numberFormat(key: string): string {
  if (percentKeys.has(key)) return '0.0%';
  if (integerKeys.has(key) || key.startsWith('rank_')) return '0';
  if (key.endsWith('_se')) return '0.00';
  return '0.0';
}

/** Shares (0–1) and their SEs, shown as percentages. */
const percentKeys = new Set(['satisfied_rate', 'satisfied_se', 'burden_compliance']);

/** Counts and years. */
const integerKeys = new Set([
  'year',
  'n',
  'street_rating_raters',
  'community_rating_raters',
  'stars',
]);

/** A column wide enough for its header and its widest text (CJK characters count double). */
function columnWidth(column: ResultColumn, results: readonly UnitResult[]): number {
  const width = (text: string) =>
    [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  let widest = width(column.header);
  for (const r of results.slice(0, 500)) {
    const value = column.value(r);
    widest = Math.max(widest, typeof value === 'string' ? width(value) : 6);
  }
  return Math.min(Math.max(widest + 2, 8), 40);
}

/** Writes a file whole: to a partial file first, then renamed into place. */
async function writeWhole(path: string, content: string | Uint8Array): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, content);
  await rename(partial, path);
}
