import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { bilingual } from '@manyi/domain/messages';
import type { SheetRow, Table } from './tableFile.ts';
import { guardFormula, unguardFormula } from './formulaGuard.ts';
import { TableRejectedError } from './TableRejectedError.ts';

/**
 * The records of a CSV file (RFC 4180), each cell as written. UTF-8 with or without a BOM; a file
 * that is not valid UTF-8 is read as GB18030, the encoding Chinese Excel's plain "CSV" uses.
 * Row numbers count records, as Excel shows them (a quoted line break stays inside its row).
 * The apostrophe `csvBytes` puts before a formula-like cell is dropped again.
 */
export function csvSheetRows(bytes: Uint8Array): SheetRow[] {
  return parseCsv(decode(bytes)).map(({ row, cells }) => ({
    row,
    cells: cells.map(unguardFormula),
  }));
}

/**
 * A table as CSV bytes: UTF-8 with a BOM (so Excel opens Chinese right), CRLF line ends, cells
 * quoted where they hold a comma, quote or line break (RFC 4180). A cell a spreadsheet would run
 * as a formula gets a leading apostrophe (`guardFormula`).
 */
export function csvBytes(table: Table): Uint8Array {
  const records = [table.columns, ...table.rows].map((cells) => cells.map(guardFormula));
  const text = stringify(records, { bom: true, record_delimiter: '\r\n' });
  return new TextEncoder().encode(text);
}

/** Text of the file: UTF-8 (BOM dropped), else GB18030. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new TableRejectedError([
        {
          field: 'file',
          message: bilingual(
            '文件编码无法识别,请在 Excel 中另存为"CSV UTF-8(逗号分隔)"',
            'unknown text encoding: save the file from Excel as "CSV UTF-8 (comma delimited)"',
          ),
        },
      ]);
    }
  }
}

/**
 * RFC 4180 records (csv-parse): lenient with a stray quote inside an unquoted cell and with rows
 * of uneven length (the header check names those), strict about a quote never closed.
 */
function parseCsv(text: string): SheetRow[] {
  try {
    const records = parse(text, { relax_quotes: true, relax_column_count: true }) as string[][];
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = typeof error.records === 'number' ? error.records + 1 : undefined;
    throw new TableRejectedError([
      {
        ...(row !== undefined && { row }),
        field: 'file',
        message:
          error.code === 'CSV_QUOTE_NOT_CLOSED'
            ? bilingual('引号没有闭合', 'a quoted cell is never closed')
            : bilingual('CSV 格式无法读取', `the CSV cannot be read (${error.code})`),
      },
    ]);
  }
}
