import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { bilingual } from '@manyi/domain/messages';
import type { SheetRow, Table } from './tableFile.ts';
import { TableRejectedError } from './TableRejectedError.ts';

export interface XlsxOptions {
  /** Columns whose numeric cells are stored as numbers; every other cell is text (codes stay `001`). */
  numberColumns?: readonly string[];
  /** Name of the sheet. Default 'Sheet1'. */
  sheetName?: string;
}

/**
 * The rows of a workbook's first sheet, each cell as the evaluator reads it: text as typed,
 * numbers without float noise (15 significant digits, as Excel shows them), dates as
 * `YYYY-MM-DD[ HH:MM:SS]`, formulas by their result.
 */
export async function xlsxSheetRows(bytes: Uint8Array): Promise<SheetRow[]> {
  // an empty stream leaves exceljs's reader waiting forever instead of failing
  if (!bytes.length)
    throw new TableRejectedError([
      { field: 'file', message: bilingual('XLSX 文件是空的', 'the XLSX file is empty') },
    ]);
  // the streaming reader holds one row at a time, not a model of the whole workbook
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows: SheetRow[] | undefined;
  try {
    for await (const sheet of reader) {
      const first = firstTabNumber(reader);
      if (rows || (first !== undefined && Number((sheet as { id?: unknown }).id) !== first))
        continue;
      rows = [];
      for await (const row of sheet) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells[column - 1] = cellText(cell.value, cell.numFmt);
        });
        rows.push({ row: row.number, cells: Array.from(cells, (c) => c ?? '') });
      }
    }
  } catch (error) {
    throw new TableRejectedError([
      {
        field: 'file',
        message: bilingual(
          '无法读取 XLSX 文件',
          `cannot read the XLSX file (${(error as Error).message})`,
        ),
      },
    ]);
  }
  return rows ?? [];
}

/**
 * A table as an XLSX workbook: one sheet, a bold frozen header row, text cells (and columns
 * formatted as text, so that codes typed later stay text) except the numbers of `numberColumns`.
 */
export async function xlsxBytes(table: Table, options: XlsxOptions = {}): Promise<Uint8Array> {
  const numeric = new Set(options.numberColumns ?? []);
  const chunks: Buffer[] = [];
  const stream = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  // the streaming writer keeps only the compressed file in memory, not a model of every cell
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((name, i) => ({
    key: name,
    width: columnWidth(name, table.rows, i),
    style: numeric.has(name) ? {} : { numFmt: '@' },
  }));
  const header = sheet.addRow(table.columns);
  header.font = { bold: true };
  header.commit();
  const asNumber = table.columns.map((name) => numeric.has(name));
  for (const cells of table.rows)
    sheet
      .addRow(cells.map((text, i) => (asNumber[i] && isPlainNumber(text) ? Number(text) : text)))
      .commit();
  sheet.commit();
  await workbook.commit();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The text Excel shows for a cell value. */
function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result, numFmt);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, numFmt);
  if ('error' in value) return value.error;
  return String(value);
}

/** A number as Excel shows it: 15 significant digits; zero-padded under a `000` format; a date under a date format. */
function numberText(value: number, numFmt: string | undefined): string {
  if (numFmt && isDateFormat(numFmt))
    return dateText(new Date(Math.round((value - 25569) * 86400_000)));
  const text = String(Number(value.toPrecision(15)));
  if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(value) && value >= 0)
    return text.padStart(numFmt.length, '0');
  return text;
}

/** Excel dates carry the wall-clock time as UTC: `YYYY-MM-DD`, with the time when there is one. */
function dateText(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const [day, time] = rounded.toISOString().slice(0, 19).split('T') as [string, string];
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** A number format that shows a date or time (`yyyy-mm-dd`, `yyyy"年"m"月"d"日"`, `h:mm`). */
function isDateFormat(numFmt: string): boolean {
  return /[ymdhs]/i.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/** The worksheet file number (`sheetN.xml`) of the workbook's first tab, once the reader has seen workbook.xml. */
function firstTabNumber(reader: object): number | undefined {
  const { model, workbookRels } = reader as {
    model?: { sheets?: { rId?: string }[] };
    workbookRels?: { Id: string; Target: string }[];
  };
  const rId = model?.sheets?.[0]?.rId;
  const target = workbookRels?.find((r) => r.Id === rId)?.Target;
  const match = target ? /sheet(\d+)\.xml$/.exec(target) : null;
  return match ? Number(match[1]) : undefined;
}

/** A number written plainly, which survives the trip through a number cell unchanged. */
function isPlainNumber(text: string): boolean {
  return /^-?(0|[1-9]\d{0,14})(\.\d{1,6})?$/.test(text) && String(Number(text)) === text;
}

/** A column wide enough for its header and first rows (CJK characters count double). */
function columnWidth(header: string, rows: readonly string[][], column: number): number {
  const width = (text: string) =>
    [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  let widest = width(header);
  for (const row of rows.slice(0, 500)) widest = Math.max(widest, width(row[column] ?? ''));
  return Math.min(Math.max(widest + 2, 8), 60);
}
