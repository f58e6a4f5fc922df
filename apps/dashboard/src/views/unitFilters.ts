import type { ResponseRateRow } from '../admin/adminApi.ts';
import type { UnitResult, ViewFilters } from './ViewContext.ts';

/**
 * The units the filters let through. A street passes the street filter when it is the street,
 * a community when it lies in it; urban/rural goes by the ranking class (城市社区 and 街道 are
 * urban, 村 and 乡镇 rural), so a street and its communities are compared within one class.
 */
export function filterUnits(rows: readonly UnitResult[], filters: ViewFilters): UnitResult[] {
  return rows.filter(
    (r) =>
      (!filters.district || r.districtCode === filters.district) &&
      (!filters.street || (r.level === 'street' ? r.code : r.streetCode) === filters.street) &&
      (!filters.kind || r.rankingClass === filters.kind),
  );
}

/** The communities among `rows`. */
export function communitiesOf(rows: readonly UnitResult[]): UnitResult[] {
  return rows.filter((r) => r.level === 'community');
}

/** The streets among `rows`. */
export function streetsOf(rows: readonly UnitResult[]): UnitResult[] {
  return rows.filter((r) => r.level === 'street');
}

/**
 * The response-rate rows of urban or of rural units (or all for ''), looked up in the year's
 * results: rates do not carry the ranking class. A unit the results do not know (the year is
 * not scored yet) is kept, so the filter never hides rates it cannot judge.
 */
export function ratesOfKind(
  rows: readonly ResponseRateRow[],
  units: ReadonlyMap<string, UnitResult>,
  kind: ViewFilters['kind'],
): ResponseRateRow[] {
  if (!kind) return [...rows];
  return rows.filter((r) => {
    const unit = r.code == null ? undefined : units.get(r.code);
    return !unit || unit.rankingClass === kind;
  });
}
