import * as Plot from '@observablehq/plot';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount, formatScore } from './chartStyle.ts';
import { formatChange } from './formatShare.ts';
import { placeLabels } from './labelPlacement.ts';

/** One point of a two-way scatter: a unit's residents' score against the other side's rating. */
export interface TwoWayPoint {
  code: string;
  name: string;
  /** Where the unit lies (a community's street, a street's district), for the tip. */
  parentName: string;
  resident: number;
  rating: number;
  raters: number;
  /** rating − resident. */
  gap: number;
}

export interface TwoWayOptions extends ChartOptions {
  /** A gap of more than this many points is a disagreement, marked and named; default 10. */
  threshold?: number;
  /**
   * At most this many disagreements are named on the chart, the largest first, each where its
   * name covers no other name or disagreement (one with no room goes unnamed); default 12.
   */
  maxLabels?: number;
}

/** What differs between the two pictures: names of the two sides and of the units. */
export interface TwoWaySides {
  title: string;
  unit: string;
  rater: string;
  ratingLabel: string;
}

/**
 * The two-way picture: each unit's residents' score (x) against the rating it got from the
 * other side (y), with the y = x line of agreement and a band of ± threshold around it. Units
 * outside the band are disagreements: drawn in red (rated above what residents say) or orange
 * (below), the largest named. Shared by the two pictures, communities and streets.
 */
export function twoWayScatter(
  points: readonly TwoWayPoint[],
  sides: TwoWaySides,
  options: TwoWayOptions,
): HTMLElement | SVGSVGElement {
  const threshold = options.threshold ?? 10;
  const maxLabels = options.maxLabels ?? 12;
  const above = points.filter((p) => p.gap > threshold);
  const below = points.filter((p) => p.gap < -threshold);
  const agree = points.filter((p) => Math.abs(p.gap) <= threshold);
  const values = points.flatMap((p) => [p.resident, p.rating]);
  const lo = values.length ? Math.max(0, Math.floor((Math.min(...values) - 2) / 10) * 10) : 0;
  const hi = values.length ? Math.min(100, Math.ceil((Math.max(...values) + 2) / 10) * 10) : 100;
  const width = options.width ?? defaultWidth;
  const height = Math.min(width, 560);
  const margin = { top: 20, right: 24, bottom: 44, left: 48 };
  const line = [lo, hi];
  // the plot's own scales, to name the largest disagreements where their names fit
  const x = Plot.scale({ x: { domain: [lo, hi], range: [margin.left, width - margin.right] } });
  const y = Plot.scale({ y: { domain: [lo, hi], range: [height - margin.bottom, margin.top] } });
  const disagreements = [...above, ...below].map((p) => ({
    datum: p,
    x: x.apply(p.resident),
    y: y.apply(p.rating),
    text: p.name,
  }));
  const largestFirst = disagreements.toSorted(
    (a, b) =>
      Math.abs(b.datum.gap) - Math.abs(a.datum.gap) || a.datum.code.localeCompare(b.datum.code),
  );
  const frame = {
    left: margin.left,
    top: margin.top,
    right: width - margin.right,
    bottom: height - margin.bottom,
  };
  const named = placeLabels(largestFirst, frame, 5, disagreements)
    .slice(0, maxLabels)
    .map((label) => ({ name: label.datum.name, x: inverse(x)(label.x), y: inverse(y)(label.y) }));
  const figure = Plot.plot({
    document: options.document,
    width,
    height,
    marginTop: margin.top,
    marginLeft: margin.left,
    marginBottom: margin.bottom,
    marginRight: margin.right,
    style: { fontFamily, fontSize },
    title: options.title ?? sides.title,
    subtitle:
      options.subtitle ??
      `斜线为两方一致;灰带内相差不超过 ${threshold} 分。红点:${sides.rater}评价高于居民;橙点:低于居民`,
    caption: `相差超过 ${threshold} 分的${sides.unit}:${formatCount(above.length + below.length)}个(标出 ${named.length} 个名称,相差大者优先、不相重叠)。`,
    ariaLabel: `${sides.title}散点图`,
    ariaDescription: describe(points, above, below, threshold, sides),
    x: { domain: [lo, hi], label: '居民满意度得分 →', labelAnchor: 'right', grid: true },
    y: { domain: [lo, hi], label: `↑ ${sides.ratingLabel}`, grid: true },
    marks: [
      Plot.areaY(line, {
        x: (d: number) => d,
        y1: (d: number) => d - threshold,
        y2: (d: number) => d + threshold,
        fill: '#e5e7eb',
        fillOpacity: 0.6,
        clip: true,
      }),
      Plot.line(line, {
        x: (d: number) => d,
        y: (d: number) => d,
        stroke: '#6b7280',
        strokeDasharray: '4,3',
      }),
      Plot.dot(agree, { x: 'resident', y: 'rating', r: 3.5, fill: '#2563a8', fillOpacity: 0.6 }),
      Plot.dot(above, { x: 'resident', y: 'rating', r: 5, fill: '#dc2626', stroke: 'white' }),
      Plot.dot(below, { x: 'resident', y: 'rating', r: 5, fill: '#ea580c', stroke: 'white' }),
      Plot.text(named, {
        x: 'x',
        y: 'y',
        text: 'name',
        fill: '#7f1d1d',
        stroke: 'white',
        strokeWidth: 3,
        paintOrder: 'stroke',
      }),
      Plot.tip(
        points,
        Plot.pointer({
          x: 'resident',
          y: 'rating',
          channels: {
            [sides.unit]: 'name',
            所属: 'parentName',
            居民得分: (p: TwoWayPoint) => formatScore(p.resident),
            [sides.ratingLabel]: (p: TwoWayPoint) => formatScore(p.rating),
            相差: (p: TwoWayPoint) => formatChange(p.gap),
            评价人数: (p: TwoWayPoint) => formatCount(p.raters),
          },
          format: {
            [sides.unit]: true,
            所属: true,
            居民得分: true,
            [sides.ratingLabel]: true,
            相差: true,
            评价人数: true,
            x: false,
            y: false,
          },
        }),
      ),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

/** A continuous scale's pixel-to-value map. */
function inverse(scale: Plot.Scale): (pixel: number) => number {
  if (!scale.invert) throw new Error('a linear scale has an inverse');
  return scale.invert;
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(
  points: readonly TwoWayPoint[],
  above: readonly TwoWayPoint[],
  below: readonly TwoWayPoint[],
  threshold: number,
  sides: TwoWaySides,
): string {
  if (points.length === 0) return `暂无${sides.ratingLabel}。`;
  const names = (list: readonly TwoWayPoint[]) =>
    list
      .toSorted((a, b) => Math.abs(b.gap) - Math.abs(a.gap))
      .slice(0, 5)
      .map((p) => `${p.name}(${formatChange(p.gap)})`)
      .join('、');
  return (
    `${formatCount(points.length)}个${sides.unit}。` +
    `${sides.rater}评价比居民高出 ${threshold} 分以上的${formatCount(above.length)}个` +
    (above.length ? `:${names(above)}` : '') +
    `;低 ${threshold} 分以上的${formatCount(below.length)}个` +
    (below.length ? `:${names(below)}` : '') +
    '。'
  );
}
