import * as Plot from '@observablehq/plot';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount, formatScore } from './chartStyle.ts';
import { formatChange } from './formatShare.ts';
import { labelMargin } from './textWidth.ts';

export type { UnitResult };

export interface YearOverYearOptions extends ChartOptions {
  /** The composite's change (default) or the residents' score's. */
  measure?: 'composite' | 'resident';
  /** Units per row: by district (default) or by street. */
  groupBy?: 'district' | 'street';
}

/** A unit's change as drawn. */
interface Change {
  code: string;
  name: string;
  group: string;
  groupCode: string;
  /** The group's row plus a fixed offset from the code, so dots of equal change stay apart. */
  row: number;
  score: number | null;
  change: number;
  significant: boolean;
  direction: string;
}

const directions = ['显著上升', '显著下降', '变化不显著'] as const;

/**
 * Year over year: each unit's change since last year as a dot on a row of its district (or
 * street); significant changes (beyond 1.96 standard errors of the difference) are filled,
 * green up and red down, the rest hollow grey. Units without last year's figure are counted in
 * the caption.
 *
 * @example yearOverYearChange(communities, { measure: 'resident', groupBy: 'street' })
 */
export function yearOverYearChange(
  rows: readonly UnitResult[],
  options: YearOverYearOptions = {},
): HTMLElement | SVGSVGElement {
  const measure = options.measure ?? 'composite';
  const groupBy = options.groupBy ?? 'district';
  const changes: Change[] = rows.flatMap((r) => {
    const change = measure === 'composite' ? r.compositeChange : r.residentChange;
    if (!change) return [];
    const [groupCode, group] =
      groupBy === 'street' && r.level === 'community'
        ? [r.streetCode ?? '', r.streetName ?? '']
        : [r.districtCode, r.districtName];
    return [
      {
        code: r.code,
        name: r.name,
        group,
        groupCode,
        row: 0,
        score: measure === 'composite' ? r.composite : r.resident.score,
        change: change.change,
        significant: change.significant,
        direction: !change.significant
          ? directions[2]
          : change.change > 0
            ? directions[0]
            : directions[1],
      },
    ];
  });
  const groups = [...new Map(changes.map((c) => [c.groupCode, c.group])).entries()].sort((a, b) =>
    a[0].localeCompare(b[0]),
  );
  const rowOf = new Map(groups.map(([code], i) => [code, i]));
  for (const c of changes) c.row = rowOf.get(c.groupCode)! + jitter(c.code);
  const extent = Math.max(5, ...changes.map((c) => Math.ceil(Math.abs(c.change))));
  const marginLeft = labelMargin(
    groups.map(([, name]) => name),
    56,
  );
  const label = measure === 'composite' ? '综合得分' : '居民满意度得分';
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 100 + Math.max(1, groups.length) * 36,
    marginLeft,
    marginTop: 28,
    style: { fontFamily, fontSize },
    title: options.title ?? `${label}与上年相比的变化`,
    subtitle:
      options.subtitle ??
      '每点一个单位;实心为显著变化(超过两年抽样误差),绿色上升、红色下降,空心灰点为变化不显著',
    caption: captionOf(rows.length - changes.length),
    ariaLabel: `${label}年度变化点图`,
    ariaDescription: describe(changes, label),
    x: {
      domain: [-extent, extent],
      label: `${label}变化(分)→`,
      labelAnchor: 'right',
      grid: true,
      tickFormat: formatChange,
    },
    y: {
      domain: [groups.length - 0.5, -0.5],
      ticks: groups.map((_, i) => i),
      tickFormat: (i: number) => groups[i]?.[1] ?? '',
      label: null,
      tickSize: 0,
    },
    color: { domain: [...directions], range: ['#16a34a', '#dc2626', '#9ca3af'], legend: true },
    marks: [
      Plot.ruleX([0], { stroke: '#111827' }),
      Plot.ruleY(groups.map((_, i) => i + 0.5).slice(0, -1), { stroke: '#e5e7eb' }),
      Plot.dot(
        changes.filter((c) => !c.significant),
        { x: 'change', y: 'row', r: 3.5, stroke: 'direction', fill: 'white' },
      ),
      Plot.dot(
        changes.filter((c) => c.significant),
        { x: 'change', y: 'row', r: 4.5, fill: 'direction', stroke: 'white' },
      ),
      Plot.tip(
        changes,
        Plot.pointer({
          x: 'change',
          y: 'row',
          channels: {
            单位: 'name',
            所属: 'group',
            [`本年${label}`]: (c: Change) => formatScore(c.score),
            变化: (c: Change) => formatChange(c.change),
            判断: 'direction',
          },
          format: {
            单位: true,
            所属: true,
            [`本年${label}`]: true,
            变化: true,
            判断: true,
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

/** A fixed offset in −0.35…0.35 from a code (FNV-1a), the same on every render. */
function jitter(code: string): number {
  let hash = 2166136261;
  for (let i = 0; i < code.length; i++) hash = Math.imul(hash ^ code.charCodeAt(i), 16777619);
  return ((hash >>> 0) / 2 ** 32 - 0.5) * 0.7;
}

/** Counts the units without a change. */
function captionOf(missing: number): string {
  return missing > 0
    ? `另有 ${formatCount(missing)} 个单位缺少上年或本年得分,未画出。`
    : '显著:变化超过两年得分标准误合成后的 1.96 倍。';
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(changes: readonly Change[], label: string): string {
  if (changes.length === 0) return `暂无${label}的年度变化。`;
  const up = changes.filter((c) => c.direction === directions[0]);
  const down = changes.filter((c) => c.direction === directions[1]);
  const list = (items: readonly Change[]) =>
    items
      .toSorted((a, b) => Math.abs(b.change) - Math.abs(a.change))
      .slice(0, 5)
      .map((c) => `${c.name}(${formatChange(c.change)})`)
      .join('、');
  return (
    `${formatCount(changes.length)}个单位的${label}与上年相比:显著上升${formatCount(up.length)}个` +
    (up.length ? `,如${list(up)}` : '') +
    `;显著下降${formatCount(down.length)}个` +
    (down.length ? `,如${list(down)}` : '') +
    '。'
  );
}
