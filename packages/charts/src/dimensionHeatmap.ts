import * as Plot from '@observablehq/plot';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount, formatScore } from './chartStyle.ts';
import { labelMargin } from './textWidth.ts';
import { unitLabels } from './unitLabels.ts';

export type { UnitResult };

export interface DimensionHeatmapOptions extends ChartOptions {
  /** Chinese names of the dimensions by code (e.g. service → 便民服务); a code without one shows as is. */
  dimensionNames?: Readonly<Record<string, string>>;
  /** Below this many respondents a cell is hatched grey and its score left out; default 30. */
  minSample?: number;
}

/** One cell: a unit's residents' score on one dimension. */
interface Cell {
  code: string;
  name: string;
  dimension: string;
  score: number | null;
  n: number;
  /** The score minus the mean of the drawn units on this dimension: the colour. */
  relative: number | null;
}

const rowHeight = 22;

/** Colour steps of the difference from the mean, in points: within ±1 is neutral. */
const thresholds = [-6, -4, -2, -1, 1, 2, 4, 6];

/**
 * Indicator drill-down: units (rows, best overall resident score first) × dimensions
 * (columns), each cell coloured by how far the unit's residents' score on the dimension lies
 * above (blue) or below (red) the mean of the units shown, with the score written in it. Cells
 * of fewer than `minSample` respondents are grey with no number. So a leader sees at once which
 * unit is weak on what, against its peers rather than against an absolute scale.
 *
 * @example dimensionHeatmap(streets, { dimensionNames: { service: '便民服务' } })
 */
export function dimensionHeatmap(
  rows: readonly UnitResult[],
  options: DimensionHeatmapOptions = {},
): HTMLElement | SVGSVGElement {
  const names = options.dimensionNames ?? {};
  const minSample = options.minSample ?? 30;
  const units = rows
    .filter((r) => Object.keys(r.dimensions).length > 0)
    .toSorted(
      (a, b) => (b.resident.score ?? -1) - (a.resident.score ?? -1) || a.code.localeCompare(b.code),
    );
  const dimensions = [...new Set(units.flatMap((r) => Object.keys(r.dimensions)))];
  const means = new Map(
    dimensions.map((d) => {
      const scores = units.flatMap((u) => {
        const e = u.dimensions[d];
        return e && e.score != null && e.n >= minSample ? [e.score] : [];
      });
      return [d, scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null];
    }),
  );
  const cells: Cell[] = units.flatMap((u) =>
    dimensions.map((d) => {
      const e = u.dimensions[d];
      const score = e && e.n >= minSample ? e.score : null;
      const mean = means.get(d) ?? null;
      return {
        code: u.code,
        name: u.name,
        dimension: names[d] ?? d,
        score,
        n: e?.n ?? 0,
        relative: score != null && mean != null ? score - mean : null,
      };
    }),
  );
  const labels = unitLabels(
    units.map((u) => ({
      ...u,
      parentName: u.level === 'community' ? u.streetName : u.districtName,
    })),
  );
  const marginLeft = labelMargin(labels.values(), 64);
  const dimensionLabels = dimensions.map((d) => names[d] ?? d);
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    height: 110 + Math.max(1, units.length) * rowHeight,
    marginLeft,
    marginTop: 48,
    marginBottom: 12,
    style: { fontFamily, fontSize },
    title: options.title ?? '各维度居民满意度得分',
    subtitle:
      options.subtitle ?? '格中为得分;蓝色高于所列单位该维度的平均,红色低于平均,灰色为样本不足',
    caption: `按总体居民满意度得分从高到低排列;少于 ${minSample} 人回答的格不显示得分。`,
    ariaLabel: '维度得分热力图',
    ariaDescription: describe(units, dimensions, cells, names),
    x: { domain: dimensionLabels, axis: 'top', label: null, tickSize: 0 },
    y: {
      domain: units.map((u) => u.code),
      tickFormat: (c: string) => labels.get(c) ?? c,
      label: null,
      tickSize: 0,
    },
    // steps of whole points (a continuous ramp would need a canvas, which Node has not)
    color: {
      type: 'threshold',
      scheme: 'rdbu',
      domain: thresholds,
      legend: true,
      label: '与平均相差(分)',
      tickFormat: (v: number) => (v > 0 ? `+${v}` : String(v)),
    },
    marks: [
      Plot.cell(
        cells.filter((c) => c.relative == null),
        { x: 'dimension', y: 'code', fill: '#e5e7eb', inset: 0.5 },
      ),
      Plot.cell(
        cells.filter((c) => c.relative != null),
        {
          x: 'dimension',
          y: 'code',
          fill: 'relative',
          inset: 0.5,
          tip: {
            channels: {
              单位: (c: Cell) => labels.get(c.code) ?? c.name,
              维度: 'dimension',
              得分: (c: Cell) => formatScore(c.score),
              与平均相差: (c: Cell) => formatScore(c.relative),
              样本量: (c: Cell) => formatCount(c.n),
            },
            format: {
              单位: true,
              维度: true,
              得分: true,
              与平均相差: true,
              样本量: true,
              x: false,
              y: false,
              fill: false,
            },
          },
        },
      ),
      Plot.text(
        cells.filter((c) => c.score != null),
        {
          x: 'dimension',
          y: 'code',
          text: (c: Cell) => formatScore(c.score),
          fill: (c: Cell) => (Math.abs(c.relative ?? 0) > 4 ? 'white' : '#111827'),
        },
      ),
    ],
  });
  figure.style.fontFamily = fontFamily;
  return figure;
}

/** A sentence for screen readers: each dimension's weakest unit. */
function describe(
  units: readonly UnitResult[],
  dimensions: readonly string[],
  cells: readonly Cell[],
  names: Readonly<Record<string, string>>,
): string {
  if (units.length === 0) return '暂无维度得分。';
  const weakest = dimensions.flatMap((d) => {
    const scored = cells.filter((c) => c.dimension === (names[d] ?? d) && c.score != null);
    const low = scored.toSorted((a, b) => a.score! - b.score!)[0];
    return low ? [`${names[d] ?? d}最低的是${low.name}(${formatScore(low.score)})`] : [];
  });
  return `${formatCount(units.length)}个单位、${formatCount(dimensions.length)}个维度的居民满意度得分。${weakest.join(';')}。`;
}
