import * as Plot from '@observablehq/plot';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount, formatScore } from './chartStyle.ts';
import { starDomain, starLabel, starRange } from './starColors.ts';

export type { UnitResult };

export interface CompositeDistributionOptions extends ChartOptions {
  /** Width of a bin in points; default 2. */
  binWidth?: number;
}

/**
 * How the composites of the given units spread: a histogram in bins of `binWidth` points,
 * each bar stacked by star rating, with the median marked. Units without a composite are left
 * out and counted in the caption. Pointing at a bar tells its range, stars and count.
 *
 * @example compositeDistribution(communities, { width: 800, title: '2026年 社区综合得分分布' })
 */
export function compositeDistribution(
  rows: readonly UnitResult[],
  options: CompositeDistributionOptions = {},
): HTMLElement | SVGSVGElement {
  const binWidth = options.binWidth ?? 2;
  const scored = rows.filter((r) => r.composite != null && Number.isFinite(r.composite));
  const composites = scored.map((r) => r.composite!);
  const lo = composites.length ? Math.floor(Math.min(...composites) / binWidth) * binWidth : 0;
  const hi = composites.length
    ? Math.max(lo + binWidth, Math.ceil((Math.max(...composites) + 1e-9) / binWidth) * binWidth)
    : 100;
  const mid = composites.length ? median(composites) : null;
  const data = scored.map((r) => ({ composite: r.composite!, stars: starLabel(r.stars) }));
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 260,
    marginLeft: 48,
    marginTop: 28,
    marginBottom: 40,
    style: { fontFamily, fontSize },
    title: options.title ?? '综合得分分布',
    subtitle: options.subtitle ?? `每 ${binWidth} 分一档,颜色为星级,虚线为中位数`,
    caption: captionOf(rows.length, scored.length),
    ariaLabel: '综合得分直方图',
    ariaDescription: describe(rows, composites, mid),
    x: { domain: [lo, hi], label: '综合得分 →', labelAnchor: 'right' },
    y: { label: '↑ 单位数', grid: true, tickFormat: formatCount },
    color: {
      domain: starDomain,
      range: starRange,
      legend: true,
      label: '星级',
    },
    marks: [
      Plot.rectY(data, {
        ...Plot.binX<Plot.RectYOptions>(
          { y: 'count' },
          { x: 'composite', fill: 'stars', thresholds: range(lo, hi, binWidth) },
        ),
        inset: 0.5,
        tip: { format: { x: (v: number) => formatScore(v), y: formatCount, fill: true } },
      }),
      Plot.ruleY([0]),
      mid == null ? null : Plot.ruleX([mid], { stroke: '#111827', strokeDasharray: '4,3' }),
      mid == null
        ? null
        : Plot.text([mid], {
            x: (d: number) => d,
            text: (d: number) => `中位数 ${formatScore(d)}`,
            frameAnchor: 'top',
            dy: -14,
          }),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

/** Bin edges from `lo` to `hi` in steps of `step`. */
function range(lo: number, hi: number, step: number): number[] {
  const edges = [];
  for (let x = lo; x <= hi + 1e-9; x += step) edges.push(Math.round(x * 1e6) / 1e6);
  return edges;
}

/** The middle value, or the mean of the two middle values. */
function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Counts the units drawn and those left out. */
function captionOf(all: number, scored: number): string {
  const left = all - scored;
  return left > 0
    ? `共 ${formatCount(all)} 个单位,其中 ${formatCount(left)} 个无综合得分(如样本不足),未画出。`
    : `共 ${formatCount(all)} 个单位。`;
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(rows: readonly UnitResult[], composites: number[], mid: number | null): string {
  if (mid == null) return '暂无综合得分。';
  const byStars = new Map<string, number>();
  for (const r of rows) byStars.set(starLabel(r.stars), (byStars.get(starLabel(r.stars)) ?? 0) + 1);
  const stars = starDomain
    .filter((s) => byStars.has(s))
    .map((s) => `${s}${formatCount(byStars.get(s)!)}个`)
    .join('、');
  return (
    `${formatCount(composites.length)}个单位的综合得分,从${formatScore(Math.min(...composites))}到` +
    `${formatScore(Math.max(...composites))},中位数${formatScore(mid)}。星级:${stars}。`
  );
}
