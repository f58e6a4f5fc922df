import { bilingual, type FieldError } from '@manyi/domain/messages';
import {
  regionColumns,
  regionRowSchema,
  unitsFromRegionRows,
  type RegionRow,
  type Unit,
  type UnitLevel,
} from '@manyi/domain/region';
import { replaceRegions } from './regions.ts';
import type { Store } from './Store.ts';
import { cellsByColumn, headerProblems } from './tableHeader.ts';
import type { ReadTable } from './tableFile.ts';
import { sortProblems, TableRejectedError } from './TableRejectedError.ts';

/** How many units of each level a regions file holds. */
export type RegionCounts = Record<UnitLevel, number>;

/**
 * Checks a regions table (PRODUCT.md: one row per grid with its ancestors) and returns its units.
 * Every bad row is found, not just the first: a cell the schema refuses, a code that changes
 * name, parent, kind or level between rows, a grid listed twice. Throws `TableRejectedError`.
 *
 * @example const units = regionUnitsOfTable(await readTableFile('regions.xlsx'));
 */
export function regionUnitsOfTable(table: ReadTable): Unit[] {
  const header = headerProblems(table.columns, regionColumns);
  if (header.some((p) => regionColumns.includes(p.field as never)))
    throw new TableRejectedError(header);
  const problems = [...header];
  if (!table.rows.length)
    problems.push({
      field: 'file',
      message: bilingual('文件没有数据行', 'the file has no data rows'),
    });

  const rows: RegionRow[] = [];
  const tree = new TreeCheck();
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const record = cellsByColumn(table.columns, cells);
    const parsed = regionRowSchema.safeParse({
      ...record,
      population: record.population!.trim() === '' ? null : record.population,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ row, field: String(issue.path[0]), message: issueMessage(issue, record) });
      return;
    }
    const conflicts = tree.add(parsed.data, row);
    if (conflicts.length) problems.push(...conflicts);
    else rows.push(parsed.data);
  });
  if (problems.length) throw new TableRejectedError(sortProblems(problems, regionColumns));
  return unitsFromRegionRows(rows);
}

/**
 * Replaces the region tree with a checked regions table, in one transaction; a table with any
 * bad row changes nothing (`TableRejectedError`).
 */
export async function importRegions(store: Store, table: ReadTable): Promise<RegionCounts> {
  const units = regionUnitsOfTable(table);
  await replaceRegions(store, units);
  const counts: RegionCounts = { district: 0, street: 0, community: 0, grid: 0 };
  for (const unit of units) counts[unit.level]++;
  return counts;
}

/** Chinese names of the levels, for messages. */
const levelNames: Record<UnitLevel, string> = {
  district: '区/县',
  street: '街道/乡镇',
  community: '社区/村',
  grid: '网格',
};

/** The tree so far, by code, to find a row that contradicts an earlier one (with the column to fix). */
class TreeCheck {
  #seen = new Map<
    string,
    { level: UnitLevel; name: string; parent: string | null; kind: string | null; row: number }
  >();

  /** The conflicts of a row's four units with earlier rows; the row joins the tree only if there are none. */
  add(r: RegionRow, row: number): FieldError[] {
    const units: [UnitLevel, string, string, string | null, string | null][] = [
      ['district', r.district_code, r.district_name, null, null],
      ['street', r.street_code, r.street_name, r.district_code, r.street_kind],
      ['community', r.community_code, r.community_name, r.street_code, r.community_kind],
      ['grid', r.grid_code, r.grid_name, r.community_code, null],
    ];
    const problems = units.flatMap(([level, code, name, parent, kind]) => {
      const seen = this.#seen.get(code);
      if (!seen) return [];
      const at = seen.row;
      if (seen.level !== level)
        return [
          conflict(
            row,
            `${level}_code`,
            `编码 ${code} 在第 ${at} 行是${levelNames[seen.level]}`,
            `code ${code} is a ${seen.level} in row ${at}`,
          ),
        ];
      if (level === 'grid')
        return [
          conflict(
            row,
            'grid_code',
            `网格 ${code} 与第 ${at} 行重复`,
            `grid ${code} repeats row ${at}`,
          ),
        ];
      const found: FieldError[] = [];
      if (seen.name !== name)
        found.push(
          conflict(
            row,
            `${level}_name`,
            `${code} 在第 ${at} 行名为"${seen.name}"`,
            `${code} is named "${seen.name}" in row ${at}`,
          ),
        );
      if (seen.parent !== parent)
        found.push(
          conflict(
            row,
            `${level}_code`,
            `${code} 在第 ${at} 行属于 ${seen.parent}`,
            `${code} belongs to ${seen.parent} in row ${at}`,
          ),
        );
      if (seen.kind !== kind)
        found.push(
          conflict(
            row,
            `${level}_kind`,
            `${code} 在第 ${at} 行的类型为 ${seen.kind}`,
            `${code} is of kind ${seen.kind} in row ${at}`,
          ),
        );
      return found;
    });
    if (!problems.length)
      for (const [level, code, name, parent, kind] of units)
        if (!this.#seen.has(code)) this.#seen.set(code, { level, name, parent, kind, row });
    return problems;
  }
}

/** A row contradicting an earlier one. */
function conflict(row: number, field: string, zh: string, en: string): FieldError {
  return { row, field, message: bilingual(zh, en) };
}

/** Why the schema refused a cell, in words an evaluator reads. */
function issueMessage(
  issue: { code: string; path: PropertyKey[]; message: string },
  record: Record<string, string>,
): string {
  const column = String(issue.path[0]);
  const value = record[column]?.trim() ?? '';
  if (value === '') return bilingual('不能为空', 'must not be empty');
  if (column === 'street_kind')
    return bilingual(`应为"街道"或"乡镇",而不是"${value}"`, `must be 街道 or 乡镇, not "${value}"`);
  if (column === 'community_kind')
    return bilingual(
      `应为 urban(社区)或 rural(村),而不是"${value}"`,
      `must be urban or rural, not "${value}"`,
    );
  if (column === 'population')
    return bilingual(
      `人口应为不小于 0 的整数,而不是"${value}"`,
      `population must be a whole number ≥ 0, not "${value}"`,
    );
  if (issue.code === 'too_big')
    return column.endsWith('_code')
      ? bilingual('编码最长 32 个字符', 'a code has at most 32 characters')
      : bilingual('名称最长 100 个字', 'a name has at most 100 characters');
  return issue.message;
}
