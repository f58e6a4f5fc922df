import * as Plot from '@observablehq/plot';
import type { CommunityResidentScore } from '@manyi/domain/residentScore';
import { fontFamily, fontSize, formatCount, formatScore } from './chartStyle.ts';
import { streetRows } from './streetRows.ts';

export type { CommunityResidentScore };

export interface ResidentScoresByStreetOptions {
  /** Only this district's communities (a district code); all when absent. */
  district?: string | null;
  /** Only urban or only rural communities; both when absent. */
  kind?: 'urban' | 'rural' | null;
  /** Width in pixels; default 640. */
  width?: number;
  /** Below this many responses a community is drawn hollow and grey (样本不足); default 30. */
  minSample?: number;
  /** Replaces the default title, e.g. to name the year. */
  title?: string;
  /** Replaces the default subtitle. */
  subtitle?: string;
  /** The document to build in; the browser's by default, linkedom's in Node. */
  document?: Document;
}

/** Fewer valid responses than this and a unit is flagged 样本不足 (PRODUCT.md, ranks). */
export const defaultMinSample = 30;

const defaults = { width: 640, minSample: defaultMinSample };

const color = { sampled: '#2563a8', unsampled: '#9ca3af', median: '#111827' };

/**
 * Communities' resident scores grouped by street: one row per street (街道/乡镇), best median
 * first; a dot per community, a bar at the street's median and its value on the right. A
 * community with fewer than `minSample` responses is a hollow grey dot (样本不足). Pointing at a
 * dot shows the community, its street, score and sample size.
 *
 * @example
 * document.body.append(residentScoresByStreet(live.communities, { kind: 'urban', width: 800 }));
 */
export function residentScoresByStreet(
  rows: readonly CommunityResidentScore[],
  options: ResidentScoresByStreetOptions = {},
): HTMLElement | SVGSVGElement {
  const width = options.width ?? defaults.width;
  const minSample = options.minSample ?? defaults.minSample;
  const selected = rows.filter(
    (r) =>
      (options.district == null || r.districtCode === options.district) &&
      (options.kind == null || r.kind === options.kind),
  );
  const scored = selected.filter((r): r is Scored => r.score != null && Number.isFinite(r.score));
  const streets = streetMedians(scored);
  const sampled = scored.filter((r) => r.n >= minSample);
  const unsampled = scored.filter((r) => r.n < minSample);
  const streetLabel = streetLabels(streets);
  const layout = streetRows(streets, streetLabel, '居民满意度得分 →');

  const dotOptions = {
    x: 'score',
    y: 'streetCode',
    r: 4.5,
  } as const;
  const figure = Plot.plot({
    document: options.document,
    width,
    ...layout.frame,
    style: { fontFamily, fontSize },
    title: options.title ?? '各街道(乡镇)社区居民满意度得分',
    subtitle: options.subtitle ?? subtitleOf(selected, options),
    caption: captionOf(selected.length - scored.length, unsampled.length, minSample),
    ariaLabel: '居民满意度得分点图',
    ariaDescription: describe(streets, scored.length, unsampled.length, minSample),
    x: { domain: scoreDomain(scored), inset: 8 },
    y: layout.y,
    marks: [
      ...layout.axes,
      Plot.dot(unsampled, {
        ...dotOptions,
        stroke: color.unsampled,
        fill: 'white',
        strokeWidth: 1.5,
      }),
      Plot.dot(sampled, { ...dotOptions, fill: color.sampled, fillOpacity: 0.8, stroke: 'white' }),
      Plot.tickX(streets, {
        x: 'median',
        y: 'code',
        stroke: color.median,
        strokeWidth: 2.5,
        inset: 4,
      }),
      Plot.text(streets, {
        y: 'code',
        text: (s: StreetMedian) => formatScore(s.median),
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 10,
        fontWeight: 'bold',
      }),
      // the header of the median column, level with the y-axis label on the left
      Plot.text(['中位数'], {
        frameAnchor: 'top-right',
        textAnchor: 'start',
        lineAnchor: 'top',
        dx: 10,
        dy: -25,
      }),
      Plot.tip(
        scored,
        Plot.pointer({
          x: 'score',
          y: 'streetCode',
          channels: {
            社区: 'name',
            街道: 'streetName',
            得分: 'score',
            样本量: 'n',
            // null leaves the line out of the tip
            备注: (r: Scored) => (r.n < minSample ? '样本不足' : null),
          },
          fontSize: 12,
          lineHeight: 1.3,
          // lines in this order; x and y repeat 得分 and 街道
          format: {
            社区: true,
            街道: true,
            得分: formatScore,
            样本量: formatCount,
            备注: true,
            x: false,
            y: false,
          },
        }),
      ),
    ],
  });
  // The figure's title and caption are HTML outside the SVG: give them the same fonts.
  figure.style.fontFamily = fontFamily;
  return figure;
}

type Scored = CommunityResidentScore & { score: number };

/** A street's place in the chart: its median community score. */
interface StreetMedian {
  code: string;
  name: string;
  districtName: string;
  median: number;
}

/** Streets with their median community score, best first (ties by code, for stable output). */
function streetMedians(scored: readonly Scored[]): StreetMedian[] {
  const byStreet = new Map<string, Scored[]>();
  for (const r of scored) {
    const communities = byStreet.get(r.streetCode);
    if (communities) communities.push(r);
    else byStreet.set(r.streetCode, [r]);
  }
  return [...byStreet.values()]
    .map((communities) => ({
      code: communities[0]!.streetCode,
      name: communities[0]!.streetName,
      districtName: communities[0]!.districtName,
      median: median(communities.map((c) => c.score)),
    }))
    .sort((a, b) => b.median - a.median || a.code.localeCompare(b.code));
}

/** The scores' extent widened to multiples of 5 within 0–100, so ticks fall on round numbers. */
function scoreDomain(scored: readonly Scored[]): [number, number] {
  if (scored.length === 0) return [0, 100];
  const scores = scored.map((r) => r.score);
  const lo = Math.max(0, Math.floor(Math.min(...scores) / 5) * 5);
  const hi = Math.min(100, Math.ceil(Math.max(...scores) / 5) * 5);
  return lo < hi ? [lo, hi] : [Math.max(0, lo - 5), Math.min(100, hi + 5)];
}

/** Street names for the axis; a name that two districts share gets its district added. */
function streetLabels(streets: readonly StreetMedian[]): Map<string, string> {
  const seen = new Map<string, number>();
  for (const s of streets) seen.set(s.name, (seen.get(s.name) ?? 0) + 1);
  return new Map(
    streets.map((s) => [s.code, seen.get(s.name)! > 1 ? `${s.name}(${s.districtName})` : s.name]),
  );
}

/** The middle value, or the mean of the two middle values. */
function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Names the filters in force, e.g. "示范区 · 城市社区 · 每点一个社区,竖线为街道中位数". */
function subtitleOf(
  selected: readonly CommunityResidentScore[],
  options: ResidentScoresByStreetOptions,
): string {
  const parts = [];
  if (options.district != null) parts.push(selected[0]?.districtName ?? options.district);
  if (options.kind === 'urban') parts.push('城市社区');
  if (options.kind === 'rural') parts.push('农村社区(村)');
  parts.push('每点一个社区(村),竖线为街道中位数,按中位数从高到低排列');
  return parts.join(' · ');
}

/** Explains the hollow dots and any communities left out for lack of answers. */
function captionOf(unscored: number, unsampled: number, minSample: number): string {
  const notes = [`空心灰点:样本不足(答卷少于${minSample}份),仅供参考。`];
  if (unsampled === 0) notes.length = 0;
  if (unscored > 0) notes.push(`另有${formatCount(unscored)}个社区(村)尚无答卷,未画出。`);
  return notes.join('') || `所有社区(村)答卷均不少于${minSample}份。`;
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(
  streets: readonly StreetMedian[],
  scoredCount: number,
  unsampled: number,
  minSample: number,
): string {
  if (streets.length === 0) return '暂无社区居民满意度得分。';
  const best = streets[0]!;
  const worst = streets.at(-1)!;
  return (
    `${formatCount(streets.length)}个街道(乡镇)、${formatCount(scoredCount)}个社区(村)的居民满意度得分。` +
    `街道中位数最高的是${best.name}(${formatScore(best.median)}),最低的是${worst.name}(${formatScore(worst.median)})。` +
    (unsampled > 0 ? `${formatCount(unsampled)}个社区答卷少于${minSample}份,样本不足。` : '')
  );
}
