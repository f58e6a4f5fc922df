import * as Plot from '@observablehq/plot';
import type { ProfileYear } from '@manyi/scoring/unitProfile';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatScore } from './chartStyle.ts';

export type { ProfileYear };

/** One drawn point: a measure of one year with its 95% interval. */
interface TrendPoint {
  year: string;
  measure: string;
  value: number;
  low: number | null;
  high: number | null;
}

const measures = ['综合得分', '居民满意度'] as const;
const colors = ['#1d4ed8', '#059669'];
/** The two measures' intervals side by side, not over each other. */
const offset = 5;

/**
 * A unit's composite and resident score over the scored years (its profile's trend): a line
 * per measure, each year's 95% interval as a vertical bar, the value written above the dot.
 *
 * @example profileTrend(profile.trend, { title: '书院苑社区 历年得分', width: 560 })
 */
export function profileTrend(
  trend: readonly ProfileYear[],
  options: ChartOptions = {},
): HTMLElement | SVGSVGElement {
  const points = trendPoints(trend);
  const years = trend.map((t) => String(t.year));
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 260,
    marginLeft: 48,
    marginRight: 24,
    marginTop: 28,
    style: { fontFamily, fontSize },
    title: options.title ?? '历年得分',
    subtitle: options.subtitle ?? '竖线为 95% 置信区间',
    ariaLabel: '历年综合得分与居民满意度折线图',
    ariaDescription: describe(points),
    x: {
      type: 'point',
      domain: years,
      label: null,
      tickFormat: (y: string) => `${y}年`,
      inset: 40,
    },
    y: { domain: scoreDomain(points), label: '得分', grid: true },
    color: { domain: [...measures], range: colors, legend: true },
    marks: [
      ...measures.map((measure, i) =>
        Plot.ruleX(
          points.filter((p) => p.measure === measure && p.low !== null && p.high !== null),
          {
            x: 'year',
            y1: 'low',
            y2: 'high',
            stroke: 'measure',
            strokeOpacity: 0.5,
            strokeWidth: 3,
            dx: (i - 0.5) * 2 * offset,
          },
        ),
      ),
      ...measures.map((measure, i) =>
        Plot.line(
          points.filter((p) => p.measure === measure),
          { x: 'year', y: 'value', stroke: 'measure', strokeWidth: 2, dx: (i - 0.5) * 2 * offset },
        ),
      ),
      ...measures.map((measure, i) =>
        Plot.dot(
          points.filter((p) => p.measure === measure),
          { x: 'year', y: 'value', fill: 'measure', r: 4, dx: (i - 0.5) * 2 * offset },
        ),
      ),
      // each value beside its dot: the composite's on the left, the resident score's on the right
      ...measures.map((measure, i) =>
        Plot.text(
          points.filter((p) => p.measure === measure),
          {
            x: 'year',
            y: 'value',
            text: (p: TrendPoint) => formatScore(p.value),
            fill: 'measure',
            dx: i === 0 ? -offset - 8 : offset + 8,
            textAnchor: i === 0 ? 'end' : 'start',
            fontWeight: 'bold',
          },
        ),
      ),
      Plot.tip(
        points,
        Plot.pointer({
          x: 'year',
          y: 'value',
          channels: {
            年度: 'year',
            指标: 'measure',
            得分: 'value',
            区间: (p: TrendPoint) => intervalText(p),
          },
          format: {
            年度: true,
            指标: true,
            得分: formatScore,
            区间: true,
            x: false,
            y: false,
            stroke: false,
          },
        }),
      ),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

/** The measures of each year that have a value. */
function trendPoints(trend: readonly ProfileYear[]): TrendPoint[] {
  return trend.flatMap((t) => {
    const year = String(t.year);
    const both: (Omit<TrendPoint, 'value'> & { value: number | null })[] = [
      {
        year,
        measure: measures[0],
        value: t.composite,
        low: t.compositeLow,
        high: t.compositeHigh,
      },
      { year, measure: measures[1], value: t.resident, low: t.residentLow, high: t.residentHigh },
    ];
    return both.filter((p): p is TrendPoint => p.value !== null);
  });
}

/** The values and intervals widened to multiples of 5 within 0–100. */
function scoreDomain(points: readonly TrendPoint[]): [number, number] {
  const values = points.flatMap((p) => [p.value, p.low ?? p.value, p.high ?? p.value]);
  if (!values.length) return [0, 100];
  const lo = Math.max(0, Math.floor((Math.min(...values) - 2) / 5) * 5);
  const hi = Math.min(100, Math.ceil((Math.max(...values) + 2) / 5) * 5);
  return [lo, Math.max(hi, lo + 5)];
}

/** 79.1–85.7, or — without an interval. */
function intervalText(p: TrendPoint): string {
  return p.low === null || p.high === null ? '—' : `${formatScore(p.low)}–${formatScore(p.high)}`;
}

/** A sentence for screen readers: each measure's first and last value. */
function describe(points: readonly TrendPoint[]): string {
  if (!points.length) return '暂无历年得分。';
  return measures
    .map((measure) => {
      const own = points.filter((p) => p.measure === measure);
      if (!own.length) return '';
      const first = own[0]!;
      const last = own.at(-1)!;
      return own.length === 1
        ? `${measure}${last.year}年${formatScore(last.value)}。`
        : `${measure}从${first.year}年的${formatScore(first.value)}到${last.year}年的${formatScore(last.value)}。`;
    })
    .join('');
}
