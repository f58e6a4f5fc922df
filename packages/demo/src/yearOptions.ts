import type { CampaignWindow } from './campaignWindow.ts';

/** How a synthetic campaign year is drawn. */
export interface YearOptions {
  /** The year whose latent qualities carry no drift; other years drift away from it. */
  baseYear: number;
  /** Resident responses per community: log-normal around the median, clamped to [min, max]. */
  responsesPerCommunity: { median: number; logSd: number; min: number; max: number };
  /** Share of communities with a small sample, drawn uniformly from `smallSample` (样本不足). */
  smallSampleShare: number;
  smallSample: readonly [min: number, max: number];
  /** How unevenly grids are mobilized: sd of the log factor multiplying their population share. */
  gridMobilizationSd: number;
  /** Planted low-quality responses among residents' (0 for none). */
  speederRate: number;
  straightLinerRate: number;
  /** Also draw the two-way forms (community_to_street, street_to_community). */
  twoWay: boolean;
  /** Compute the true satisfied rate (exact but costly: ~1 ms per grid). */
  satisfiedRateTruth: boolean;
  /** The window submissions fall in; default 10 Nov – 10 Dec of the year, Shanghai time. */
  window?: CampaignWindow;
}

/** The demo's settings: ~80 residents per community, ~8% under 30, 3% speeders, 3% straight-liners. */
export const demoYearOptions: YearOptions = {
  baseYear: 2025,
  responsesPerCommunity: { median: 85, logSd: 0.35, min: 30, max: 160 },
  smallSampleShare: 0.08,
  smallSample: [8, 29],
  gridMobilizationSd: 0.8,
  speederRate: 0.03,
  straightLinerRate: 0.03,
  twoWay: true,
  satisfiedRateTruth: true,
};

/** The demo's seed for responses (the region has its own, in `demoRegionOptions`). */
export const demoSeed = 2025;

/** The demo's campaign years: a closed one and an open one. */
export const demoYears = [2025, 2026] as const;
