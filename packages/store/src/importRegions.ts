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
  #seen = new Map<string, TreeUnit>();

  /** The conflicts of a row's four units with earlier rows (and each other); the row joins the tree only if there are none. */
  add(r: RegionRow, row: number): FieldError[] {
    const units: TreeUnit[] = [
      {
        level: 'district',
        code: r.district_code,
        name: r.district_name,
        parent: null,
        kind: null,
        row,
      },
      {
        level: 'street',
        code: r.street_code,
        name: r.street_name,
        parent: r.district_code,
        kind: r.street_kind,
        row,
      },
      {
        level: 'community',
        code: r.community_code,
        name: r.community_name,
        parent: r.street_code,
        kind: r.community_kind,
        row,
      },
      {
        level: 'grid',
        code: r.grid_code,
        name: r.grid_name,
        parent: r.community_code,
        kind: null,
        row,
      },
    ];
    const own = new Map<string, TreeUnit>();
    const problems: FieldError[] = [];
    for (const unit of units) {
      const seen = this.#seen.get(unit.code) ?? own.get(unit.code);
      if (seen) problems.push(...conflicts(seen, unit));
      else own.set(unit.code, unit);
    }
    if (!problems.length) for (const [code, unit] of own) this.#seen.set(code, unit);
    return problems;
  }
}

/** A unit as a row of the regions file gives it. */
interface TreeUnit {
  level: UnitLevel;
  code: string;
  name: string;
  parent: string | null;
  kind: string | null;
  row: number;
}

/** How a unit contradicts the same code seen before, each with the column to fix. */
function conflicts(seen: TreeUnit, unit: TreeUnit): FieldError[] {
  const { level, code, row } = unit;
  const [zhAt, enAt] =
    seen.row === row ? ['本行', 'this row'] : [`第 ${seen.row} 行`, `row ${seen.row}`];
  if (seen.level !== level)
    return [
      conflict(
        row,
        `${level}_code`,
        `编码 ${code} 在${zhAt}是${levelNames[seen.level]}`,
        `code ${code} is a ${seen.level} in ${enAt}`,
      ),
    ];
  if (level === 'grid')
    return [
      conflict(row, 'grid_code', `网格 ${code} 与${zhAt}重复`, `grid ${code} repeats ${enAt}`),
    ];
  const found: FieldError[] = [];
  if (seen.name !== unit.name)
    found.push(
      conflict(
        row,
        `${level}_name`,
        `${code} 在${zhAt}名为"${seen.name}"`,
        `${code} is named "${seen.name}" in ${enAt}`,
      ),
    );
  if (seen.parent !== unit.parent)
    found.push(
      conflict(
        row,
        `${level}_code`,
        `${code} 在${zhAt}属于 ${seen.parent}`,
        `${code} belongs to ${seen.parent} in ${enAt}`,
      ),
    );
  if (seen.kind !== unit.kind)
    found.push(
      conflict(
        row,
        `${level}_kind`,
        `${code} 在${zhAt}的类型为 ${seen.kind}`,
        `${code} is of kind ${seen.kind} in ${enAt}`,
      ),
    );
  return found;
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
