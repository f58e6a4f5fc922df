import { note } from './note.ts';
import { filterUnits } from './unitFilters.ts';
import type { UnitResult, ViewContext } from './ViewContext.ts';

/** The year's results the filters let through, and all of them (for ranks and means). */
export interface FilteredResults {
  rows: UnitResult[];
  all: UnitResult[];
}

/**
 * The year's stored results through the filters, or null after saying in `root` why there is
 * nothing to draw: the year is not scored yet, or no unit passes the filters.
 */
export async function filteredResults(
  root: HTMLElement,
  context: ViewContext,
  { detailed = false } = {},
): Promise<FilteredResults | null> {
  const results = await (detailed ? context.detailedResults : context.results)(context.year);
  if (context.signal.aborted) return null;
  if (!results) {
    root.append(note(`${context.year} 年度尚无评分结果:年终计分后才有综合得分、星级和排名。`));
    return null;
  }
  const rows = filterUnits(results.rows, context.filters);
  if (rows.length === 0) {
    root.append(note('当前筛选下没有单位。'));
    return null;
  }
  return { rows, all: results.rows };
}

/**
 * As `filteredResults`, with the units a view draws (`pick` of the filtered rows, e.g. the
 * streets), or null after saying in `root` that there are none (`none`, e.g. 当前筛选下没有街道(乡镇)。).
 */
export async function filteredUnits(
  root: HTMLElement,
  context: ViewContext,
  pick: (rows: readonly UnitResult[]) => UnitResult[],
  none: string,
  options: { detailed?: boolean } = {},
): Promise<(FilteredResults & { units: UnitResult[] }) | null> {
  const found = await filteredResults(root, context, options);
  if (!found) return null;
  const units = pick(found.rows);
  if (units.length === 0) {
    root.append(note(none));
    return null;
  }
  return { ...found, units };
}

/** A short description of the filters in force for chart subtitles, e.g. 东城区 · 城市社区. */
export function filterLabel(rows: readonly UnitResult[], context: ViewContext): string {
  const { district, street, kind } = context.filters;
  const parts: string[] = [];
  if (district) parts.push(rows.find((r) => r.districtCode === district)?.districtName ?? district);
  if (street)
    parts.push(
      rows.find((r) => r.code === street)?.name ??
        rows.find((r) => r.streetCode === street)?.streetName ??
        street,
    );
  if (kind === 'urban') parts.push('城市(社区/街道)');
  if (kind === 'rural') parts.push('农村(村/乡镇)');
  return parts.length ? parts.join(' · ') : '全市';
}
