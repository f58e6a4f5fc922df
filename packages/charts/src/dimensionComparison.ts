import * as Plot from '@observablehq/plot';
import type { DimensionComparison } from '@manyi/scoring/unitProfile';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatScore } from './chartStyle.ts';
import { formatChange } from './formatShare.ts';
import { labelMargin } from './textWidth.ts';

export type { DimensionComparison };

const color = { above: '#059669', below: '#dc2626', within: '#6b7280', mean: '#111827' };
const rowHeight = 30;

/**
 * A unit's resident score per dimension against its peers' mean (its profile's dimensions): a
 * dot with its 95% interval per dimension, a black tick at the peers' mean, the difference on
 * the right; green or red where the difference exceeds the sampling error, grey where it does
 * not. Rows in the order given (the profile's: best against the peers first).
 *
 * @example dimensionComparison(profile.dimensions, { title: '各维度与同类均值比较' })
 */
export function dimensionComparison(
  dimensions: readonly DimensionComparison[],
  options: ChartOptions = {},
): HTMLElement | SVGSVGElement {
  const names = dimensions.map((d) => d.name);
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 64 + Math.max(1, dimensions.length) * rowHeight,
    marginLeft: labelMargin(names, 48),
    marginRight: 64,
    marginTop: 24,
    style: { fontFamily, fontSize },
    title: options.title ?? '各维度居民满意度与同类均值',
    subtitle: options.subtitle ?? '点为本单位得分(横线为 95% 区间),黑色竖线为同类单位均值',
    caption:
      '同类:同一区县、同一类型、参与排名的其他单位。绿色、红色:高于、低于同类均值且超出抽样误差;灰色:差异在抽样误差之内。',
    ariaLabel: '各维度得分与同类均值点图',
    ariaDescription: describe(dimensions),
    x: { domain: scoreDomain(dimensions), label: '得分 →', labelAnchor: 'right', grid: true },
    y: { domain: names, label: null, tickSize: 0 },
    marks: [
      Plot.ruleY(dimensions, { y: 'name', stroke: '#e5e7eb' }),
      Plot.ruleY(
        dimensions.filter((d) => d.low !== null && d.high !== null),
        { y: 'name', x1: 'low', x2: 'high', stroke: toneOf, strokeWidth: 2, strokeOpacity: 0.6 },
      ),
      Plot.tickX(
        dimensions.filter((d) => d.peerMean !== null),
        { x: 'peerMean', y: 'name', stroke: color.mean, strokeWidth: 2.5, inset: 6 },
      ),
      Plot.dot(dimensions, { x: 'score', y: 'name', fill: toneOf, r: 5, stroke: 'white' }),
      Plot.text(dimensions, {
        y: 'name',
        text: (d: DimensionComparison) => formatChange(d.difference),
        fill: toneOf,
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 10,
        fontWeight: 'bold',
      }),
      Plot.text(['与均值差'], {
        frameAnchor: 'top-right',
        textAnchor: 'start',
        lineAnchor: 'bottom',
        dx: 10,
        dy: -6,
      }),
      Plot.tip(
        dimensions,
        Plot.pointer({
          x: 'score',
          y: 'name',
          channels: {
            维度: 'name',
            得分: 'score',
            同类均值: (d: DimensionComparison) => d.peerMean,
            同类单位数: 'peers',
            差异: (d: DimensionComparison) => formatChange(d.difference),
          },
          format: {
            维度: true,
            得分: formatScore,
            同类均值: formatScore,
            同类单位数: true,
            差异: true,
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

/** Green above, red below the peers where the difference exceeds the error; grey otherwise. */
function toneOf(d: DimensionComparison): string {
  if (!d.significant || d.difference === null) return color.within;
  return d.difference > 0 ? color.above : color.below;
}

/** Scores, intervals and means widened to multiples of 5 within 0–100. */
function scoreDomain(dimensions: readonly DimensionComparison[]): [number, number] {
  const values = dimensions.flatMap((d) =>
    [d.score, d.low, d.high, d.peerMean].filter((v): v is number => v !== null),
  );
  if (!values.length) return [0, 100];
  const lo = Math.max(0, Math.floor(Math.min(...values) / 5) * 5);
  const hi = Math.min(100, Math.ceil(Math.max(...values) / 5) * 5);
  return [lo, Math.max(hi, lo + 5)];
}

/** A sentence for screen readers: the strongest and the weakest dimension against the peers. */
function describe(dimensions: readonly DimensionComparison[]): string {
  const compared = dimensions.filter((d) => d.difference !== null);
  if (!compared.length) return '暂无可比较的维度得分。';
  const best = compared[0]!;
  const worst = compared.at(-1)!;
  return `${compared.length}个维度与同类均值比较。最高的是${best.name}(${formatChange(best.difference)}),最低的是${worst.name}(${formatChange(worst.difference)})。`;
}
