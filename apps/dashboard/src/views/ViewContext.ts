import type { SessionUser } from '@manyi/domain/user';
import type { UnitResult } from '@manyi/scoring/unitResult';
import type { Campaign, Distribution } from '../admin/adminApi.ts';

export type { Campaign, Distribution, SessionUser, UnitResult };

/** `GET /api/v1/results/:year`: the latest scoring run of a year, one row per street and community. */
export interface YearResults {
  year: number;
  runId: number;
  createdAt: string;
  method: string;
  seed: number;
  rows: UnitResult[];
}

/** The filters every view applies; kept in the address (`?year=2026&district=…#overview`). */
export interface ViewFilters {
  /** A district code, or '' for 全部. */
  district: string;
  /** A street code, or '' for 全部. */
  street: string;
  /** Urban (城市社区 / 街道) or rural (村 / 乡镇) units only, or '' for both. */
  kind: '' | 'urban' | 'rural';
}

/**
 * What a view is given each time it is drawn: the year and filters chosen above the tabs, who is
 * signed in, cached fetchers for the API's figures, and a signal that aborts when the reader
 * moves on (another tab, filter or year), so a slow view never draws over the next one.
 */
export interface ViewContext {
  year: number;
  filters: Readonly<ViewFilters>;
  /** Every campaign year, newest first. */
  campaigns: readonly Campaign[];
  /** The signed-in account, or null (views with `needsSignIn` are only drawn when there is one). */
  user: SessionUser | null;
  /**
   * `GET /api/v1/results/:year?detail=summary`, fetched once per year and page load; null when
   * not yet scored (404). Rows without their per-dimension estimates and indicators.
   */
  results(year: number): Promise<YearResults | null>;
  /** The same rows with every figure (`dimensions`, `indicators`): the heat map's. */
  detailedResults(year: number): Promise<YearResults | null>;
  /** `GET /api/v1/distribution/:year`: response rates of the city, districts, streets, communities. */
  rates(year: number): Promise<Distribution>;
  /** Aborts when the reader moves on (another tab, filter, year, or a resize redraws the view). */
  signal: AbortSignal;
  /** A message in the page's status line (empty clears it); `retry` adds a 重试 button. */
  notify(message: string, kind?: 'info' | 'error', retry?: () => unknown): void;
}

/**
 * One tab of the leadership dashboard (`/dashboard/#overview`). `render` fills `root` (empty and
 * already in the page, so it can be measured) and resolves when the view is fully drawn; the page
 * then sets the `performance.mark` `manyi:view-drawn:<id>` that the bench waits for.
 */
export interface DashboardView {
  /** The name in the address, e.g. `overview` for `#overview`. */
  id: string;
  /** The tab's label, e.g. 总体概况. */
  title: string;
  titleEn: string;
  /** Results and rates need an evaluator or leadership session; the live view does not. */
  needsSignIn: boolean;
  render(root: HTMLElement, context: ViewContext): Promise<void>;
}
