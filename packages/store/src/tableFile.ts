import { readFile, rename, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { bilingual, type FieldError } from '@manyi/domain/messages';
import { csvBytes, csvSheetRows } from './csvTable.ts';
import { columnLetter } from './tableHeader.ts';
import { TableRejectedError } from './TableRejectedError.ts';
import type { XlsxOptions } from './xlsxTable.ts';

/** The table files evaluators exchange (PRODUCT.md, "File formats"). */
export const tableFormats = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof tableFormats)[number];

/** A header row and data rows, every cell as text. */
export interface Table {
  columns: string[];
  rows: string[][];
}

/** A table read from a file, with the sheet row number of each data row (the header is row 1). */
export interface ReadTable extends Table {
  rowNumbers: number[];
}

/** One row of a sheet as a parser found it, before the header is applied. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export type WriteTableOptions = XlsxOptions;

/**
 * The format a file name asks for, by its extension.
 *
 * @example tableFormatOf('regions.XLSX') // → 'xlsx'
 */
export function tableFormatOf(path: string): TableFormat {
  const ext = extname(path).slice(1).toLowerCase();
  if ((tableFormats as readonly string[]).includes(ext)) return ext as TableFormat;
  throw new TableRejectedError([
    {
      field: 'file',
      message: bilingual(
        `不支持的文件类型"${extname(path) || '(无扩展名)'}",请使用 .csv 或 .xlsx`,
        `unsupported file type "${extname(path) || '(no extension)'}": use .csv or .xlsx`,
      ),
    },
  ]);
}

/**
 * Reads a .csv or .xlsx file (first sheet) into text cells exactly as written: `001` stays
 * `001`. Blank rows are skipped; their numbers are not reused, so `rowNumbers` match Excel's.
 *
 * @example const { columns, rows, rowNumbers } = await readTableFile('regions.xlsx');
 */
export async function readTableFile(path: string): Promise<ReadTable> {
  const format = tableFormatOf(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new TableRejectedError([
      {
        field: 'file',
        message: bilingual(
          `无法读取文件 ${path}`,
          `cannot read ${path} (${(error as Error).message})`,
        ),
      },
    ]);
  }
  return readTable(bytes, format);
}

/** Reads table bytes (an upload, say) of a known format; see `readTableFile`. */
export async function readTable(bytes: Uint8Array, format: TableFormat): Promise<ReadTable> {
  const sheetRows =
    format === 'csv' ? csvSheetRows(bytes) : await (await xlsx()).xlsxSheetRows(bytes);
  return tableOfSheetRows(sheetRows);
}

/**
 * Writes a table as .csv (UTF-8 with BOM, RFC 4180) or .xlsx (text cells, bold frozen header),
 * by the file's extension. The file appears whole or not at all.
 */
export async function writeTableFile(
  path: string,
  table: Table,
  options: WriteTableOptions = {},
): Promise<void> {
  const bytes = await tableBytes(table, tableFormatOf(path), options);
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, path);
}

/** A table as the bytes of a file of the given format (a download, say). */
export function tableBytes(
  table: Table,
  format: TableFormat,
  options: WriteTableOptions = {},
): Promise<Uint8Array> {
  return format === 'csv'
    ? Promise.resolve(csvBytes(table))
    : xlsx().then((m) => m.xlsxBytes(table, options));
}

/** Row 1 as the header (names trimmed, trailing unnamed columns dropped), blank rows skipped. */
function tableOfSheetRows(sheetRows: readonly SheetRow[]): ReadTable {
  const [header, ...body] = sheetRows;
  if (!header || header.row !== 1 || header.cells.every(isBlank)) {
    if (!sheetRows.length) return { columns: [], rows: [], rowNumbers: [] };
    throw new TableRejectedError([
      {
        row: 1,
        field: 'file',
        message: bilingual('第 1 行应为列名', 'row 1 must hold the column names'),
      },
    ]);
  }
  const columns = header.cells.map((name) => name.trim());
  while (columns.length && columns[columns.length - 1] === '') columns.pop();
  const problems: FieldError[] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (const { row, cells } of body) {
    if (cells.every(isBlank)) continue;
    cells.forEach((cell, i) => {
      if (i >= columns.length && !isBlank(cell))
        problems.push({
          row,
          field: columnLetter(i),
          message: bilingual(
            '此单元格所在的列没有列名',
            'this cell is in a column without a header',
          ),
        });
    });
    rows.push(Array.from({ length: columns.length }, (_, i) => cells[i] ?? ''));
    rowNumbers.push(row);
  }
  if (problems.length) throw new TableRejectedError(problems);
  return { columns, rows, rowNumbers };
}

/** A cell with nothing but spaces. */
function isBlank(cell: string): boolean {
  return cell.trim() === '';
}

/** The XLSX reader and writer, loaded when first asked for: exceljs costs ~0.3 s to load. */
function xlsx(): Promise<typeof import('./xlsxTable.ts')> {
  return import('./xlsxTable.ts');
}
