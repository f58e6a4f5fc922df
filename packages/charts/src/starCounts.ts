import * as Plot from '@observablehq/plot';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount } from './chartStyle.ts';
import { starDomain, starLabel, starRange } from './starColors.ts';

export type { UnitResult };

/** One bar: a star rating of one level and how many units have it. */
interface StarCount {
  stars: string;
  level: string;
  count: number;
  share: number;
}

/**
 * How many units have each star rating (1–5 星, and 未评星 for units without one), streets and
 * communities in separate rows when both are given; each bar labelled with its count and share.
 *
 * @example starCounts(results.rows, { title: '2026年 星级分布' })
 */
export function starCounts(
  rows: readonly UnitResult[],
  options: ChartOptions = {},
): HTMLElement | SVGSVGElement {
  const counts = countStars(rows);
  const levels = [...new Set(counts.map((c) => c.level))];
  const shown = starDomain.filter((s) => counts.some((c) => c.stars === s));
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 40 + Math.max(1, levels.length) * (shown.length * 24 + 24),
    marginLeft: 56,
    marginRight: 96,
    style: { fontFamily, fontSize },
    title: options.title ?? '星级分布',
    subtitle: options.subtitle ?? '各星级的单位数及占比',
    ariaLabel: '星级分布条形图',
    ariaDescription: describe(counts),
    x: { axis: null },
    y: { domain: shown, label: null, tickSize: 0 },
    fy: { domain: levels, label: null, axis: null, padding: 0.15 },
    color: { domain: starDomain, range: starRange },
    marks: [
      Plot.barX(counts, {
        x: 'count',
        y: 'stars',
        fy: 'level',
        fill: 'stars',
        tip: {
          channels: { 层级: 'level', 星级: 'stars', 单位数: 'count', 占比: 'share' },
          format: {
            层级: true,
            星级: true,
            单位数: formatCount,
            占比: (v: number) => `${(v * 100).toFixed(1)}%`,
            x: false,
            y: false,
            fy: false,
            fill: false,
          },
        },
      }),
      Plot.text(counts, {
        x: 'count',
        y: 'stars',
        fy: 'level',
        text: (c: StarCount) => `${formatCount(c.count)}个 · ${(c.share * 100).toFixed(0)}%`,
        textAnchor: 'start',
        dx: 4,
      }),
      Plot.ruleX([0]),
      // each level's name at the top right of its rows, where bars of 1星 rarely reach
      Plot.text(levels, {
        fy: (d: string) => d,
        text: (d: string) => d,
        frameAnchor: 'top-right',
        fontWeight: 'bold',
        dy: 4,
      }),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

const levelNames = { street: '街道(乡镇)', community: '社区(村)' } as const;

/** Counts per level and star label, streets first, with each one's share of its level. */
function countStars(rows: readonly UnitResult[]): StarCount[] {
  const counts: StarCount[] = [];
  for (const level of ['street', 'community'] as const) {
    const units = rows.filter((r) => r.level === level);
    for (const stars of starDomain) {
      const count = units.filter((r) => starLabel(r.stars) === stars).length;
      if (count)
        counts.push({ stars, level: levelNames[level], count, share: count / units.length });
    }
  }
  return counts;
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(counts: readonly StarCount[]): string {
  if (counts.length === 0) return '暂无星级。';
  const levels = [...new Set(counts.map((c) => c.level))];
  return levels
    .map(
      (level) =>
        `${level}:` +
        counts
          .filter((c) => c.level === level)
          .map((c) => `${c.stars}${formatCount(c.count)}个`)
          .join('、') +
        '。',
    )
    .join('');
}
