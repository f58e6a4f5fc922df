import { residentScoreOf } from '@manyi/scoring/residentScoreOf';
import type { ResponseRate } from '@manyi/scoring/responseRates';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { burdenCompliance } from './burdenCompliance.ts';
import type { ChartOptions } from './chartOptions.ts';
import { compositeDistribution } from './compositeDistribution.ts';
import { dimensionHeatmap } from './dimensionHeatmap.ts';
import { rankIntervals } from './rankIntervals.ts';
import { residentScoresByStreet } from './residentScoresByStreet.ts';
import { responseRateBars } from './responseRateBars.ts';
import { starCounts } from './starCounts.ts';
import { streetsSideBySide } from './streetsSideBySide.ts';
import { twoWayCommunities } from './twoWayCommunities.ts';
import { twoWayStreets } from './twoWayStreets.ts';
import { yearOverYearChange } from './yearOverYearChange.ts';

/** What a year's charts are drawn from: its stored results, and its response rates where known. */
export interface ChartData {
  year: number;
  /** The year's latest stored results, streets and communities. */
  results: readonly UnitResult[];
  /** `responseRates` of the year (the response-rate chart only). */
  rates?: readonly ResponseRate[];
  /** Chinese names of the resident dimensions by code (the heat map's columns). */
  dimensionNames?: Readonly<Record<string, string>>;
}

/** How to draw: one district only (a district code), the width, the document to build in. */
export interface ChartRequest {
  district?: string | null;
  width?: number;
  document?: Document;
}

/** A chart the CLI (and reports) can draw by name. */
export interface RegisteredChart {
  /** What it shows, in Chinese, e.g. 各街道社区居民满意度; the year is put before it. */
  title: string;
  titleEn: string;
  draw(data: ChartData, request: ChartRequest): Element;
}

/**
 * Every chart of `@manyi/charts` that draws from a year's stored results, by the name
 * `manyi chart --chart NAME` takes. Each is titled with the year and, given a district, draws
 * only that district's units.
 *
 * @example chartRegistry.streets.draw({ year: 2026, results }, { district: 'D01', document })
 */
export const chartRegistry: Readonly<Record<string, RegisteredChart>> = {
  residentScoresByStreet: {
    title: '各街道(乡镇)社区居民满意度',
    titleEn: "communities' resident scores by street",
    draw: (data, request) =>
      residentScoresByStreet(data.results.filter(isCommunity).map(residentScoreOf), {
        ...common(data, request, '各街道(乡镇)社区居民满意度'),
        district: request.district ?? null,
      }),
  },
  compositeDistribution: ofResults(
    '社区(村)综合得分分布',
    'distribution of community composites',
    compositeDistribution,
    isCommunity,
  ),
  starCounts: ofResults('星级分布', 'units by stars', starCounts),
  rankIntervals: {
    title: '社区(村)排名及90%区间',
    titleEn: 'community ranks with their intervals',
    draw: (data, request) =>
      rankIntervals(
        inDistrict(data, request).filter(
          (r) => isCommunity(r) && (request.district != null || r.rankingClass === 'urban'),
        ),
        {
          ...common(
            data,
            request,
            request.district != null ? '社区(村)区内排名及区间' : '城市社区全市排名及区间',
          ),
          rank: request.district != null ? 'rankInDistrict' : 'rankInClass',
        },
      ),
  },
  streetsSideBySide: ofResults(
    '各街道(乡镇)及其社区(村)得分',
    'streets side by side',
    streetsSideBySide,
  ),
  twoWayCommunities: ofResults(
    '街道评价与社区居民满意度',
    "streets' ratings of communities against residents' scores",
    twoWayCommunities,
  ),
  twoWayStreets: ofResults(
    '社区评价与街道居民满意度',
    "communities' ratings of streets against residents' scores",
    twoWayStreets,
  ),
  burdenCompliance: ofResults(
    '各街道(乡镇)减负情况',
    'burden compliance per street',
    burdenCompliance,
  ),
  yearOverYearChange: ofResults(
    '综合得分与上年相比的变化',
    'change since last year',
    yearOverYearChange,
  ),
  dimensionHeatmap: {
    title: '各街道(乡镇)分维度居民满意度',
    titleEn: 'streets × dimensions heat map',
    draw: (data, request) =>
      dimensionHeatmap(inDistrict(data, request).filter(isStreet), {
        ...common(data, request, '各街道(乡镇)分维度居民满意度'),
        dimensionNames: data.dimensionNames ?? {},
      }),
  },
  responseRateBars: {
    title: '各街道(乡镇)问卷回收率',
    titleEn: 'response rates per street',
    draw: (data, request) =>
      responseRateBars(
        (data.rates ?? []).filter(
          (r) =>
            r.level === 'street' && (request.district == null || r.parentCode === request.district),
        ),
        common(data, request, '各街道(乡镇)问卷回收率'),
      ),
  },
};

/** The names `chartRegistry` knows, in its order. */
export const chartNames: readonly string[] = Object.keys(chartRegistry);

/**
 * A chart drawn from the requested district's results (those `keep` keeps), under its own title
 * with the year: what most charts need, so each entry names only its chart.
 */
function ofResults(
  title: string,
  titleEn: string,
  chart: (rows: readonly UnitResult[], options: ChartOptions) => Element,
  keep: (r: UnitResult) => boolean = () => true,
): RegisteredChart {
  return {
    title,
    titleEn,
    draw: (data, request) =>
      chart(inDistrict(data, request).filter(keep), common(data, request, title)),
  };
}

/** Width, document and the title with the year, as every chart takes them. */
function common(data: ChartData, request: ChartRequest, title: string) {
  return {
    title: `${data.year}年 ${title}`,
    ...(request.width !== undefined && { width: request.width }),
    ...(request.document && { document: request.document }),
  };
}

/** The results of the requested district, or all. */
function inDistrict(data: ChartData, request: ChartRequest): UnitResult[] {
  return data.results.filter(
    (r) => request.district == null || r.districtCode === request.district,
  );
}

/** A community's result. */
function isCommunity(r: UnitResult): boolean {
  return r.level === 'community';
}

/** A street's result. */
function isStreet(r: UnitResult): boolean {
  return r.level === 'street';
}
