import type { Campaign } from './liveApi.ts';

/** What the reader has chosen; kept in the address so a view can be shared. */
export interface DashboardFilters {
  /** null: the view's own default (the open year for live figures, the newest closed for results). */
  year: number | null;
  /** A district code, or '' for 全部. */
  district: string;
  /** A street code, or '' for 全部. */
  street: string;
  kind: '' | 'urban' | 'rural';
}

/** A unit with where it lies, as the district and street selects list them. */
export interface PlacedUnit {
  streetCode: string;
  streetName: string;
  districtCode: string;
  districtName: string;
}

/** The filters a `?year=2026&district=…&street=…&kind=urban` query names; unknown values are ignored. */
export function filtersFromQuery(query: string): DashboardFilters {
  const params = new URLSearchParams(query);
  const year = Number(params.get('year'));
  const kind = params.get('kind');
  return {
    year: Number.isInteger(year) && year > 0 ? year : null,
    district: params.get('district') ?? '',
    street: params.get('street') ?? '',
    kind: kind === 'urban' || kind === 'rural' ? kind : '',
  };
}

/** The query for `filters`, leaving out what is at its default. */
export function filtersToQuery(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.year != null) params.set('year', String(filters.year));
  if (filters.district) params.set('district', filters.district);
  if (filters.street) params.set('street', filters.street);
  if (filters.kind) params.set('kind', filters.kind);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The year to show first: the open campaign's, else the newest. */
export function defaultYear(campaigns: readonly Campaign[]): number | null {
  return (campaigns.find((c) => c.state === 'open') ?? campaigns[0])?.year ?? null;
}

/**
 * The year results views show first: the newest year past its fieldwork (closed, finalized or
 * published: the ones that are scored), else the default year.
 */
export function defaultResultsYear(campaigns: readonly Campaign[]): number | null {
  return (
    campaigns.find((c) => c.state !== 'open' && c.state !== 'draft')?.year ?? defaultYear(campaigns)
  );
}

/** Fills the year select, newest first, e.g. "2026年 · 进行中". */
export function fillYearSelect(
  select: HTMLSelectElement,
  campaigns: readonly Campaign[],
  year: number | null,
): void {
  select.replaceChildren(
    ...campaigns.map((c) => new Option(`${c.year}年 · ${stateNames[c.state]}`, String(c.year))),
  );
  select.value = String(year);
}

/** Fills the district select with 全部 and each district present in the rows, in code order. */
export function fillDistrictSelect(
  select: HTMLSelectElement,
  rows: readonly PlacedUnit[],
  district: string,
): void {
  const districts = new Map(rows.map((r) => [r.districtCode, r.districtName]));
  const codes = [...districts.keys()].sort();
  select.replaceChildren(
    new Option('全部', ''),
    ...codes.map((code) => new Option(districts.get(code), code)),
  );
  select.value = districts.has(district) ? district : '';
}

/** Fills the street select with 全部 and each street of the chosen district (or of all), by code. */
export function fillStreetSelect(
  select: HTMLSelectElement,
  rows: readonly PlacedUnit[],
  district: string,
  street: string,
): void {
  const streets = new Map(
    rows.filter((r) => !district || r.districtCode === district).map((r) => [r.streetCode, r]),
  );
  const codes = [...streets.keys()].sort();
  select.replaceChildren(
    new Option('全部', ''),
    ...codes.map((code) => new Option(streets.get(code)!.streetName, code)),
  );
  select.value = streets.has(street) ? street : '';
}

/** Campaign states as the year select names them. */
const stateNames: Record<Campaign['state'], string> = {
  draft: '草稿',
  open: '进行中',
  closed: '已结束',
  finalized: '已定稿',
  published: '已发布',
};
