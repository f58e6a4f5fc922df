import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  readTable,
  readTableFile,
  tableFormatOf,
  writeTableFile,
  type Table,
} from '../src/tableFile.ts';
import { TableRejectedError } from '../src/TableRejectedError.ts';
import { tempDir } from './importFixture.ts';

const csv = (text: string) => readTable(new TextEncoder().encode(text), 'csv');

/** The problems a read is refused with. */
async function refusal(read: Promise<unknown>) {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TableRejectedError);
  return (error as TableRejectedError).problems;
}

describe('reading CSV', () => {
  it('keeps every cell as written: leading zeros, quotes, commas, line breaks, Chinese', async () => {
    const table = await csv(
      '\uFEFFcode,name,note\r\n001,"东区, 一","说""好""\r\n第二行"\r\n0.10,  二 ,\r\n',
    );
    expect(table).toEqual({
      columns: ['code', 'name', 'note'],
      rows: [
        ['001', '东区, 一', '说"好"\r\n第二行'],
        ['0.10', '  二 ', ''],
      ],
      rowNumbers: [2, 3],
    });
  });

  it('reads a file without BOM, with LF ends and no final newline; skips blank rows but keeps Excel row numbers', async () => {
    const table = await csv('a,b\n1,2\n,\n\n3,4');
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(table.rowNumbers).toEqual([2, 5]);
  });

  it('pads short rows, trims header names, drops trailing unnamed columns', async () => {
    const table = await csv(' a ,b,,\n1\n2,3,,\n');
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      ['1', ''],
      ['2', '3'],
    ]);
  });

  it("reads Chinese Excel's plain CSV (GB18030)", async () => {
    const gbk = Uint8Array.from([0x61, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x0a]); // "a\n你好\n"
    expect((await readTable(gbk, 'csv')).rows).toEqual([['你好']]);
  });

  it('refuses a cell outside the header and an unclosed quote, with their rows', async () => {
    expect(await refusal(csv('a,b\n1,2,3\n4,5\n6,7,,x\n'))).toEqual([
      expect.objectContaining({ row: 2, field: 'C' }),
      expect.objectContaining({ row: 4, field: 'D' }),
    ]);
    expect(await refusal(csv('a\n1\n"2\n3\n'))).toEqual([
      expect.objectContaining({ row: 3, field: 'file' }),
    ]);
  });
});

describe('reading XLSX', () => {
  it('takes the text Excel shows from the first sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    workbook.addWorksheet('other').addRow(['ignored']);
    sheet.addRow(['code', 'n', 'sum', 'when', 'day', 'formula', 'rich', 'flag', 'padded']);
    sheet.addRow([
      '001',
      4.1,
      0.1 + 0.2,
      new Date(Date.UTC(2026, 10, 20, 9, 30)),
      new Date(Date.UTC(2026, 10, 20)),
      { formula: 'B2*2', result: 8.2 },
      { richText: [{ text: '幸福' }, { text: '社区' }] },
      true,
      7,
    ]);
    sheet.getCell('I2').numFmt = '000';
    sheet.addRow([]);
    sheet.addRow(['002']);
    const path = join(tempDir(), 'cells.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await readTableFile(path)).toEqual({
      columns: ['code', 'n', 'sum', 'when', 'day', 'formula', 'rich', 'flag', 'padded'],
      rows: [
        [
          '001',
          '4.1',
          '0.3',
          '2026-11-20 09:30:00',
          '2026-11-20',
          '8.2',
          '幸福社区',
          'TRUE',
          '007',
        ],
        ['002', '', '', '', '', '', '', '', ''],
      ],
      rowNumbers: [2, 4],
    });
  });

  it('reads the first tab even when it is not the first sheet file, and dates computed by formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    const other = workbook.addWorksheet('other');
    other.addRow(['ignored']);
    const data = workbook.addWorksheet('数据');
    data.addRow(['submitted_at']);
    data.addRow([{ formula: 'DATE(2026,11,20)+0.5', result: 46346.5 }]);
    data.getCell('A2').numFmt = 'yyyy"年"m"月"d"日" hh:mm';
    const tab = (sheet: ExcelJS.Worksheet, orderNo: number) => Object.assign(sheet, { orderNo }); // not in the typings
    tab(data, 0);
    tab(other, 1);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readTable(bytes, 'xlsx')).toEqual({
      columns: ['submitted_at'],
      rows: [['2026-11-20 12:00:00']],
      rowNumbers: [2],
    });
  });

  it('refuses a file that is not a workbook', async () => {
    expect(await refusal(readTable(new TextEncoder().encode('a,b'), 'xlsx'))).toEqual([
      expect.objectContaining({
        field: 'file',
        message: expect.stringMatching(/无法读取 XLSX.*cannot read/),
      }),
    ]);
  });
});

describe('writing tables', () => {
  const table: Table = {
    columns: ['code', '名称', 'population'],
    rows: [
      ['001', '东区, "一"', '2772'],
      ['002', '多行\n文字', ''],
      ['003', '=1+1', '12.50'],
    ],
  };

  it('writes CSV as UTF-8 with BOM and CRLF, and reads it back unchanged', async () => {
    const path = join(tempDir(), 'out.csv');
    await writeTableFile(path, table);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('001,"东区, ""一""",2772\r\n');
    expect(await readTableFile(path)).toMatchObject(table);
  });

  it('writes XLSX with text codes, numbers only where asked, a bold frozen header, and reads it back unchanged', async () => {
    const path = join(tempDir(), 'out.xlsx');
    await writeTableFile(path, table, { numberColumns: ['population'] });
    expect(await readTableFile(path)).toMatchObject(table);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('001');
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('C2').value).toBe(2772);
    expect(sheet.getCell('C4').value).toBe('12.50'); // not a plain number: kept as written
  });

  it('chooses the format by extension and refuses others', async () => {
    expect(tableFormatOf('A.XLSX')).toBe('xlsx');
    const path = join(tempDir(), 'out.xls');
    writeFileSync(path, 'x');
    for (const attempt of [readTableFile(path), writeTableFile(path, table)])
      expect(await refusal(attempt)).toEqual([
        expect.objectContaining({
          field: 'file',
          message: expect.stringMatching(/不支持的文件类型.*\.xls.*unsupported file type/),
        }),
      ]);
  });
});
