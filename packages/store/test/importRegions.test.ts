import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { regionColumns } from '@manyi/domain/region';
import { importRegions } from '../src/importRegions.ts';
import { listUnits } from '../src/regions.ts';
import { openStore, type Store } from '../src/Store.ts';
import { readTableFile, writeTableFile, type Table } from '../src/tableFile.ts';
import { TableRejectedError } from '../src/TableRejectedError.ts';
import { regionTable, tempDir } from './importFixture.ts';

let store: Store;
beforeEach(async () => {
  store = await openStore({ path: ':memory:' });
});
afterEach(() => store.close());

/** Writes a table to a file of the format and imports it. */
async function importFile(table: Table, format: 'csv' | 'xlsx') {
  const path = join(tempDir(), `regions.${format}`);
  await writeTableFile(path, table);
  return importRegions(store, await readTableFile(path));
}

/** The problems an import is refused with. */
async function refusal(table: Table) {
  const error = await importFile(table, 'csv').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TableRejectedError);
  return (error as TableRejectedError).problems;
}

describe('importRegions', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`imports a good ${format} file with its codes' leading zeros`, async () => {
      expect(await importFile(regionTable(), format)).toEqual({
        district: 1,
        street: 2,
        community: 3,
        grid: 4,
      });
      const units = await listUnits(store);
      expect(units.map((u) => u.code)).toEqual([
        '01',
        '0101',
        '0102',
        '010101',
        '010102',
        '010201',
        '01010101',
        '01010102',
        '01010201',
        '01020101',
      ]);
      expect(units.find((u) => u.code === '010101')).toEqual({
        code: '010101',
        name: '幸福社区',
        level: 'community',
        kind: 'urban',
        parentCode: '0101',
        population: 800,
      });
      expect(units.find((u) => u.code === '01010201')?.population).toBeNull();
    });
  }

  it('reports every bad row with its row, column and reason, and changes nothing', async () => {
    await importFile(regionTable(), 'csv');
    const before = await listUnits(store);
    const table = regionTable();
    const set = (row: number, column: string, value: string) =>
      (table.rows[row - 2]![regionColumns.indexOf(column as never)] = value);
    table.rows.push([...table.rows[3]!], [...table.rows[3]!], [...table.rows[0]!]);
    set(2, 'community_name', ' ');
    set(3, 'street_kind', '镇');
    set(4, 'population', '-5');
    set(4, 'grid_code', '0101 0201');
    set(6, 'grid_code', '01020102');
    set(6, 'community_name', '别名村'); // row 5 named 010201 柳村
    // row 7 repeats grid 01020101 of row 5; row 8 (a copy of bad row 2, corrected) stands
    const problems = await refusal(table);
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'community_name'],
      [3, 'street_kind'],
      [4, 'grid_code'],
      [4, 'population'],
      [6, 'community_name'],
      [7, 'grid_code'],
    ]);
    expect(problems[0]!.message).toBe('不能为空 / must not be empty');
    expect(problems[1]!.message).toMatch(
      /应为"街道"或"乡镇",而不是"镇" \/ must be 街道 or 乡镇, not "镇"/,
    );
    expect(problems[3]!.message).toMatch(
      /人口应为不小于 0 的整数.*population must be a whole number/,
    );
    expect(problems[4]!.message).toMatch(
      /010201 在第 5 行名为"柳村" \/ 010201 is named "柳村" in row 5/,
    );
    expect(problems[5]!.message).toMatch(
      /网格 01020101 与第 5 行重复 \/ grid 01020101 repeats row 5/,
    );
    expect(await listUnits(store)).toEqual(before);
  });

  it('finds a code reused at another level or under another parent, also within one row', async () => {
    const table = regionTable();
    const line = (cells: string) => cells.split(',');
    table.rows.push(
      line('01,东区,0102,东镇,乡镇,010101,幸福社区,urban,0101,网格,1'),
      line('01,东区,0103,西镇,乡镇,0103,西村,rural,010301,网格,1'),
    );
    expect((await refusal(table)).map((p) => [p.row, p.field, p.message])).toEqual([
      [6, 'community_code', '010101 在第 2 行属于 0101 / 010101 belongs to 0101 in row 2'],
      [6, 'grid_code', '编码 0101 在第 2 行是街道/乡镇 / code 0101 is a street in row 2'],
      [7, 'community_code', '编码 0103 在本行是街道/乡镇 / code 0103 is a street in this row'],
    ]);
  });

  it('reports missing, unknown and repeated columns on row 1, and an empty file', async () => {
    const table = regionTable();
    table.columns[table.columns.indexOf('grid_name')] = 'grid_title';
    table.columns.push('population');
    table.rows.forEach((r) => r.push('1'));
    expect((await refusal(table)).map((p) => [p.row, p.field, p.message])).toEqual([
      [1, 'grid_name', '缺少此列 / this column is missing'],
      [1, 'grid_title', '未知的列 / unknown column'],
      [1, 'population', '此列重复 / this column appears twice'],
    ]);
    expect(await refusal({ columns: [...regionColumns], rows: [] })).toEqual([
      { field: 'file', message: '文件没有数据行 / the file has no data rows' },
    ]);
  });
});
