import type { ScoreWithSe } from './compositeScore.ts';
import type { YearOverYear } from './yearOverYear.ts';

/** A design-based resident estimate as results keep it. */
export interface EstimateResult {
  /** Respondents with a score. */
  n: number;
  score: number | null;
  se: number | null;
  /** 95% interval, score ± 1.96·se. */
  low: number | null;
  high: number | null;
  satisfiedRate: number | null;
  satisfiedSe: number | null;
}

/** A two-way rating as results keep it. */
export interface RatingResult {
  raters: number;
  score: number;
  se: number;
}

/** A rank among the ranked units of a group, with its 90% rank interval and the group's size. */
export interface RankResult {
  rank: number;
  low: number;
  high: number;
  /** Ranked units in the group. */
  of: number;
}

/**
 * The result of one community or street in one scoring run: what `results.row` holds (as JSON in
 * the compact form of `storedResult`), read back by `latestResults` and flattened by
 * `resultRecords` for the results CSV/XLSX.
 */
export interface UnitResult {
  year: number;
  level: 'community' | 'street';
  code: string;
  name: string;
  /** urban | rural for communities, 街道 | 乡镇 for streets. */
  kind: string | null;
  rankingClass: 'urban' | 'rural';
  streetCode: string | null;
  streetName: string | null;
  districtCode: string;
  districtName: string;
  population: number | null;
  /** Overall resident score (for a street: its communities', population-weighted). */
  resident: EstimateResult;
  /** Resident score per dimension (and per question a framework binds). */
  dimensions: Record<string, EstimateResult>;
  /** A community's rating by its street. */
  streetRating: RatingResult | null;
  /** A street's rating by its communities. */
  communityRating: RatingResult | null;
  /** A street's burden figures: communities reporting, over the limits, share within them. */
  burden: { reporting: number; over: number; compliance: number } | null;
  /** Every indicator of the framework by code. */
  indicators: Record<string, ScoreWithSe | null>;
  composite: number | null;
  compositeSe: number | null;
  compositeLow: number | null;
  compositeHigh: number | null;
  stars: number | null;
  rankInDistrict: RankResult | null;
  rankInClass: RankResult | null;
  /** Change of the composite and of the resident score since the previous year's latest run. */
  compositeChange: YearOverYear | null;
  residentChange: YearOverYear | null;
  /** e.g. 样本不足 (too few responses: not ranked), 缺少指标 …. */
  flags: string[];
}

/** The flag of a unit with fewer valid resident responses than the framework's minimum. */
export const tooFewResponses = '样本不足';

/**
 * The flag of a community whose sample has a grid of one respondent: that grid adds no variance
 * (R's lonely.psu = "certainty"), so the SE, interval and rank interval are too narrow. In
 * simulations at the demo's sizes such communities' 95% intervals covered the truth about 70%
 * of the time.
 */
export const lonelyGridFlag = '含单人网格';
