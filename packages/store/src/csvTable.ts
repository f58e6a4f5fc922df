import { bilingual } from '@manyi/domain/messages';
import type { SheetRow, Table } from './tableFile.ts';
import { TableRejectedError } from './TableRejectedError.ts';

/**
 * The records of a CSV file (RFC 4180), each cell as written. UTF-8 with or without a BOM; a file
 * that is not valid UTF-8 is read as GB18030, the encoding Chinese Excel's plain "CSV" uses.
 * Row numbers count records, as Excel shows them (a quoted line break stays inside its row).
 */
export function csvSheetRows(bytes: Uint8Array): SheetRow[] {
  return parseCsv(decode(bytes));
}

/**
 * A table as CSV bytes: UTF-8 with a BOM (so Excel opens Chinese right), CRLF line ends, cells
 * quoted where they hold a comma, quote or line break (RFC 4180).
 */
export function csvBytes(table: Table): Uint8Array {
  const lines = [table.columns, ...table.rows].map((cells) => cells.map(csvCell).join(','));
  return new TextEncoder().encode('\uFEFF' + lines.map((line) => line + '\r\n').join(''));
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

/** RFC 4180 records; lenient with a stray quote inside an unquoted cell, strict about an unclosed one. */
function parseCsv(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteOpenedInRow = 0;
  let i = 0;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push({ row: rows.length + 1, cells });
    cells = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      quoteOpenedInRow = rows.length + 1;
    } else if (ch === ',') endCell();
    else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (quoted)
    throw new TableRejectedError([
      {
        row: quoteOpenedInRow,
        field: 'file',
        message: bilingual('引号没有闭合', 'a quoted cell is never closed'),
      },
    ]);
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/** One CSV cell, quoted (quotes doubled) when it must be. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
