import * as Plot from '@observablehq/plot';
import type { RankResult, UnitResult } from '@manyi/scoring/unitResult';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount, formatScore } from './chartStyle.ts';
import { rankLabel } from './rankLabel.ts';
import { labelMargin } from './textWidth.ts';
import { unitLabels } from './unitLabels.ts';

export type { UnitResult };

export interface RankIntervalsOptions extends ChartOptions {
  /** How many of the best and of the worst; default 10. */
  count?: number;
  /** Which rank: within the ranking class (urban or rural, citywide) or within the district. */
  rank?: 'rankInClass' | 'rankInDistrict';
}

/** The y value of the row between the best and the worst. */
const gap = '\u2026';

/** A ranked unit as drawn: its rank, the 90% interval and which end of the list it is at. */
interface Ranked {
  code: string;
  name: string;
  parentName: string | null;
  composite: number | null;
  rank: RankResult;
  label: string;
  end: string;
}

/**
 * The best and the worst `count` units by rank, each with its 90% rank interval drawn as a bar
 * and its rank as a dot: a rank is never shown more precise than it is. Units not ranked
 * (样本不足) are left out and counted in the caption. Give it units of one ranking group
 * (e.g. the urban communities): ranks of different groups do not compare.
 *
 * @example rankIntervals(urbanCommunities, { count: 5, title: '城市社区 前5名与后5名' })
 */
export function rankIntervals(
  rows: readonly UnitResult[],
  options: RankIntervalsOptions = {},
): HTMLElement | SVGSVGElement {
  const count = options.count ?? 10;
  const key = options.rank ?? 'rankInClass';
  const ranked = rows
    .filter((r) => r[key] != null)
    .toSorted((a, b) => a[key]!.rank - b[key]!.rank || a.code.localeCompare(b.code));
  const top = ranked.slice(0, count);
  const bottom = ranked.slice(Math.max(count, ranked.length - count));
  const drawn: Ranked[] = [
    ...top.map((r) => toRanked(r, key, '前列')),
    ...bottom.map((r) => toRanked(r, key, '末位')),
  ];
  const labels = unitLabels(drawn);
  const of = Math.max(0, ...drawn.map((d) => d.rank.of));
  const marginLeft = labelMargin(labels.values(), 64);
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 80 + (drawn.length + 1) * 22,
    marginLeft,
    marginRight: 180,
    marginTop: 32,
    style: { fontFamily, fontSize },
    title:
      options.title ??
      (ranked.length > 2 * count
        ? `排名前 ${count} 与后 ${count} 的单位`
        : `${formatCount(ranked.length)} 个单位的名次`),
    subtitle:
      options.subtitle ??
      `点为名次,横条为 90% 名次区间(${key === 'rankInClass' ? '同类单位全市排名' : '区县内排名'}),右侧为综合得分`,
    caption: captionOf(rows.length - ranked.length),
    ariaLabel: '名次及名次区间图',
    ariaDescription: describe(top, bottom, key, of),
    x: { domain: [1, Math.max(2, of)], label: '名次 →', labelAnchor: 'right', grid: true },
    y: {
      // a gap row between the best and the worst, when there are units between them
      domain: [
        ...top.map((r) => r.code),
        ...(bottom.length && ranked.length > 2 * count ? [gap] : []),
        ...bottom.map((r) => r.code),
      ],
      tickFormat: (c: string) => (c === gap ? '⋯' : (labels.get(c) ?? c)),
      label: null,
      tickSize: 0,
    },
    marks: [
      Plot.ruleY(drawn, {
        x1: (d: Ranked) => d.rank.low,
        x2: (d: Ranked) => d.rank.high,
        y: 'code',
        stroke: '#93c5fd',
        strokeWidth: 8,
        strokeLinecap: 'round',
      }),
      Plot.dot(drawn, { x: (d: Ranked) => d.rank.rank, y: 'code', fill: '#1d4ed8', r: 4 }),
      Plot.text(drawn, {
        y: 'code',
        text: (d: Ranked) => `${d.label} · ${formatScore(d.composite)}`,
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 8,
      }),
      Plot.tip(
        drawn,
        Plot.pointerY({
          x: (d: Ranked) => d.rank.rank,
          y: 'code',
          channels: {
            单位: (d: Ranked) => labels.get(d.code) ?? d.name,
            名次: 'label',
            参与排名: (d: Ranked) => `${formatCount(d.rank.of)}个`,
            综合得分: (d: Ranked) => formatScore(d.composite),
          },
          format: { 单位: true, 名次: true, 参与排名: true, 综合得分: true, x: false, y: false },
        }),
      ),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

/** A unit with the chosen rank, its label and end of the list. */
function toRanked(r: UnitResult, key: 'rankInClass' | 'rankInDistrict', end: string): Ranked {
  const rank = r[key]!;
  return {
    code: r.code,
    name: r.name,
    parentName: r.level === 'community' ? r.streetName : r.districtName,
    composite: r.composite,
    rank,
    label: rankLabel(rank),
    end,
  };
}

/** Counts the units left out as not ranked. */
function captionOf(unranked: number): string {
  return unranked > 0
    ? `${formatCount(unranked)} 个单位样本不足或缺少指标,未参与排名。名次区间:重复抽样下 90% 的可能落在此范围内。`
    : '名次区间:重复抽样下 90% 的可能落在此范围内。';
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(
  top: readonly UnitResult[],
  bottom: readonly UnitResult[],
  key: 'rankInClass' | 'rankInDistrict',
  of: number,
): string {
  if (top.length === 0) return '暂无排名。';
  const name = (r: UnitResult) => `${r.name}${rankLabel(r[key])}`;
  return (
    `共${formatCount(of)}个单位参与排名。前列:${top.map(name).join('、')}。` +
    (bottom.length ? `末位:${bottom.map(name).join('、')}。` : '')
  );
}
