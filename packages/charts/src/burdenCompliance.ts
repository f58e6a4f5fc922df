import * as Plot from '@observablehq/plot';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount } from './chartStyle.ts';
import { formatShare } from './formatShare.ts';
import { labelMargin } from './textWidth.ts';
import { unitLabels } from './unitLabels.ts';

export type { UnitResult };

/** One segment of a street's bar: its communities over the limits, or within them. */
interface Segment {
  code: string;
  name: string;
  part: '超过上限' | '未超过';
  count: number;
  reporting: number;
  over: number;
  compliance: number;
}

const parts = ['超过上限', '未超过'] as const;

/**
 * Burden compliance per street (减负): of the communities that reported, how many the street
 * inspected or called to meetings more often than the limits allow (red) and how many it did
 * not (grey), streets with the lowest compliance first, the share within the limits on the
 * right. Streets with no reports are left out and counted in the caption.
 *
 * @example burdenCompliance(results.rows.filter((r) => r.level === 'street'))
 */
export function burdenCompliance(
  rows: readonly UnitResult[],
  options: ChartOptions = {},
): HTMLElement | SVGSVGElement {
  const streets = rows.filter((r) => r.level === 'street');
  const reported = streets
    .filter((s) => s.burden && s.burden.reporting > 0)
    .toSorted(
      (a, b) =>
        a.burden!.compliance - b.burden!.compliance ||
        b.burden!.over - a.burden!.over ||
        a.code.localeCompare(b.code),
    );
  const segments: Segment[] = reported.flatMap((s) => {
    const { reporting, over, compliance } = s.burden!;
    const base = { code: s.code, name: s.name, reporting, over, compliance };
    return [
      { ...base, part: '超过上限' as const, count: over },
      { ...base, part: '未超过' as const, count: reporting - over },
    ];
  });
  const labels = unitLabels(reported.map((s) => ({ ...s, parentName: s.districtName })));
  const marginLeft = labelMargin(labels.values(), 64);
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 90 + Math.max(1, reported.length) * 26,
    marginLeft,
    marginRight: 64,
    marginTop: 28,
    style: { fontFamily, fontSize },
    title: options.title ?? '各街道(乡镇)减负情况',
    subtitle:
      options.subtitle ??
      '每条为报告的社区(村)数:红色为该街道检查、会议次数超过上限的社区,右侧为未超过上限的占比',
    caption: captionOf(streets.length - reported.length),
    ariaLabel: '街道减负合规条形图',
    ariaDescription: describe(reported),
    x: { label: '报告的社区(村)数 →', labelAnchor: 'right', grid: true, tickFormat: formatCount },
    y: {
      domain: reported.map((s) => s.code),
      tickFormat: (c: string) => labels.get(c) ?? c,
      label: null,
      tickSize: 0,
    },
    color: { domain: [...parts], range: ['#dc2626', '#d1d5db'], legend: true },
    marks: [
      Plot.barX(segments, {
        x: 'count',
        y: 'code',
        fill: 'part',
        order: [...parts],
        inset: 0.5,
        tip: {
          channels: {
            街道: (d: Segment) => labels.get(d.code) ?? d.name,
            报告社区: (d: Segment) => `${formatCount(d.reporting)}个`,
            超过上限: (d: Segment) => `${formatCount(d.over)}个`,
            合规率: (d: Segment) => formatShare(d.compliance),
          },
          format: {
            街道: true,
            报告社区: true,
            超过上限: true,
            合规率: true,
            x: false,
            y: false,
            fill: false,
          },
        },
      }),
      Plot.text(reported, {
        y: 'code',
        text: (s: UnitResult) => formatShare(s.burden!.compliance),
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 8,
        fill: (s: UnitResult) => (s.burden!.over > 0 ? '#b91c1c' : '#374151'),
      }),
      Plot.ruleX([0]),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

/** Counts the streets without reports. */
function captionOf(unreported: number): string {
  const note = '上限见测评方案:对社区的检查考核、要求参加的会议次数。';
  return unreported > 0
    ? `${note}另有 ${formatCount(unreported)} 个街道(乡镇)没有社区报告,未画出。`
    : note;
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(reported: readonly UnitResult[]): string {
  if (reported.length === 0) return '暂无减负情况报告。';
  const overloading = reported.filter((s) => s.burden!.over > 0);
  const worst = overloading
    .slice(0, 5)
    .map((s) => `${s.name}(${s.burden!.over}/${s.burden!.reporting}个社区超过上限)`)
    .join('、');
  return (
    `${formatCount(reported.length)}个街道(乡镇)有社区报告减负情况,` +
    `其中${formatCount(overloading.length)}个街道有社区超过上限` +
    (worst ? `,合规率最低的是${worst}` : '') +
    '。'
  );
}
