import * as Plot from '@observablehq/plot';
import type { ResponseRate } from '@manyi/scoring/responseRates';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount } from './chartStyle.ts';
import { formatShare } from './formatShare.ts';
import { labelMargin } from './textWidth.ts';
import { unitLabels } from './unitLabels.ts';

/** A response-rate row with or without its level (the API's rows leave it out). */
export type RateRow = Omit<ResponseRate, 'level'> & { level?: ResponseRate['level'] };

export interface ResponseRateOptions extends ChartOptions {
  /** A rate below this is marked low (orange); default 0.6. */
  lowRate?: number;
  /** Names of the parents by code (a community's street, a street's district), to tell apart twins. */
  parentNames?: ReadonlyMap<string, string>;
}

/**
 * Response rates (回收率) of one level's units: a bar per unit, lowest rate first, valid
 * responses over questionnaires distributed written beside it; a rate under `lowRate` orange,
 * the city's (or the given total's) rate as a dashed line. Units that distributed nothing have
 * no rate and are counted in the caption. Rates above 100% happen (walk-up answers).
 *
 * @example responseRateBars(distribution.streets, { title: '各街道回收率' })
 */
export function responseRateBars(
  rows: readonly RateRow[],
  options: ResponseRateOptions & { overall?: number | null } = {},
): HTMLElement | SVGSVGElement {
  const lowRate = options.lowRate ?? 0.6;
  const rated = rows
    .filter((r) => r.responseRate != null)
    .toSorted(
      (a, b) => a.responseRate! - b.responseRate! || (a.code ?? '').localeCompare(b.code ?? ''),
    );
  const labels = unitLabels(
    rated.map((r) => ({
      code: r.code ?? '',
      name: r.name,
      parentName: (r.parentCode && options.parentNames?.get(r.parentCode)) || null,
    })),
  );
  const marginLeft = labelMargin(labels.values(), 56);
  const max = Math.max(1, ...rated.map((r) => r.responseRate!));
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 80 + Math.max(1, rated.length) * 22,
    marginLeft,
    marginRight: 120,
    marginTop: 28,
    style: { fontFamily, fontSize },
    title: options.title ?? '问卷回收率',
    subtitle:
      options.subtitle ??
      `有效答卷 ÷ 发放问卷,从低到高;低于 ${formatShare(lowRate)} 为橙色${options.overall != null ? ',虚线为合计' : ''}`,
    caption: captionOf(rows.length - rated.length),
    ariaLabel: '问卷回收率条形图',
    ariaDescription: describe(rated, lowRate),
    x: {
      domain: [0, max],
      label: '回收率 →',
      labelAnchor: 'right',
      grid: true,
      tickFormat: (v: number) => `${Math.round(v * 100)}%`,
    },
    y: {
      domain: rated.map((r) => r.code ?? ''),
      tickFormat: (c: string) => labels.get(c) ?? c,
      label: null,
      tickSize: 0,
    },
    marks: [
      Plot.barX(rated, {
        x: 'responseRate',
        y: (r: RateRow) => r.code ?? '',
        fill: (r: RateRow) => (r.responseRate! < lowRate ? '#ea580c' : '#2563a8'),
        inset: 2,
        tip: {
          channels: {
            单位: (r: RateRow) => labels.get(r.code ?? '') ?? r.name,
            回收率: (r: RateRow) => formatShare(r.responseRate),
            有效答卷: (r: RateRow) => formatCount(r.validResponses),
            发放问卷: (r: RateRow) => formatCount(r.distributed),
            邀请码: (r: RateRow) =>
              `${formatCount(r.invitationsUsed)}/${formatCount(r.invitations)} 已使用`,
            纸质问卷: (r: RateRow) => formatCount(r.paperHandedOut),
          },
          format: {
            单位: true,
            回收率: true,
            有效答卷: true,
            发放问卷: true,
            邀请码: true,
            纸质问卷: true,
            x: false,
            y: false,
            fill: false,
          },
        },
      }),
      Plot.text(rated, {
        y: (r: RateRow) => r.code ?? '',
        text: (r: RateRow) =>
          `${formatShare(r.responseRate)}(${formatCount(r.validResponses)}/${formatCount(r.distributed)})`,
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 6,
      }),
      options.overall == null
        ? null
        : Plot.ruleX([options.overall], { stroke: '#111827', strokeDasharray: '4,3' }),
      Plot.ruleX([0]),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

/** Counts the units without a rate. */
function captionOf(unrated: number): string {
  return unrated > 0
    ? `另有 ${formatCount(unrated)} 个单位尚未录入发放数,没有回收率,未画出。`
    : '回收率可超过 100%:扫社区公开二维码的答卷只计入分子。';
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(rated: readonly RateRow[], lowRate: number): string {
  if (rated.length === 0) return '暂无回收率(尚未录入发放数)。';
  const low = rated.filter((r) => r.responseRate! < lowRate);
  return (
    `${formatCount(rated.length)}个单位的回收率,最低${rated[0]!.name}(${formatShare(rated[0]!.responseRate)}),` +
    `最高${rated.at(-1)!.name}(${formatShare(rated.at(-1)!.responseRate)});` +
    `低于${formatShare(lowRate)}的${formatCount(low.length)}个。`
  );
}
