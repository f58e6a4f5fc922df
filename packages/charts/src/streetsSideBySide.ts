import * as Plot from '@observablehq/plot';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { defaultWidth, type ChartOptions } from './chartOptions.ts';
import { fontFamily, fontSize, formatCount, formatScore } from './chartStyle.ts';
import { rankLabel } from './rankLabel.ts';
import { streetRows } from './streetRows.ts';
import { unitLabels } from './unitLabels.ts';

export type { UnitResult };

const color = { community: '#2563a8', unranked: '#9ca3af', street: '#b91c1c' };

/**
 * Streets side by side: one row per street (街道/乡镇), best street composite first; a dot per
 * community at its composite (hollow grey when not ranked, e.g. 样本不足) and a red tick at the
 * street's own composite, its value on the right. Pointing at a dot names the community, its
 * composite, stars and rank with its interval.
 *
 * @example streetsSideBySide(results.rows, { width: 900 }) // streets and communities together
 */
export function streetsSideBySide(
  rows: readonly UnitResult[],
  options: ChartOptions = {},
): HTMLElement | SVGSVGElement {
  const communities = rows.filter((r) => r.level === 'community' && r.composite != null);
  const streetCodes = new Set(communities.map((c) => c.streetCode));
  const streets = rows
    .filter((r) => r.level === 'street' && (streetCodes.has(r.code) || r.composite != null))
    .toSorted((a, b) => (b.composite ?? -1) - (a.composite ?? -1) || a.code.localeCompare(b.code));
  const shown = new Set(streets.map((s) => s.code));
  const drawn = communities.filter((c) => c.streetCode && shown.has(c.streetCode));
  const labels = unitLabels(streets.map((s) => ({ ...s, parentName: s.districtName })));
  const scores = [...drawn, ...streets].flatMap((r) => (r.composite == null ? [] : [r.composite]));
  const layout = streetRows(streets, labels, '综合得分 →');
  const figure = Plot.plot({
    document: options.document,
    width: options.width ?? defaultWidth,
    ...layout.frame,
    style: { fontFamily, fontSize },
    title: options.title ?? '各街道(乡镇)及其社区(村)综合得分',
    subtitle:
      options.subtitle ?? '每点一个社区(村),红色竖线为街道综合得分,按街道综合得分从高到低排列',
    caption: '空心灰点:未参与排名(样本不足等),仅供参考。',
    ariaLabel: '街道及社区综合得分点图',
    ariaDescription: describe(streets, drawn.length),
    x: { domain: domainOf(scores), inset: 8 },
    y: layout.y,
    marks: [
      ...layout.axes,
      Plot.dot(
        drawn.filter((c) => c.rankInClass == null),
        {
          x: 'composite',
          y: 'streetCode',
          r: 4.5,
          stroke: color.unranked,
          fill: 'white',
          strokeWidth: 1.5,
        },
      ),
      Plot.dot(
        drawn.filter((c) => c.rankInClass != null),
        {
          x: 'composite',
          y: 'streetCode',
          r: 4.5,
          fill: color.community,
          fillOpacity: 0.75,
          stroke: 'white',
        },
      ),
      Plot.tickX(
        streets.filter((s) => s.composite != null),
        { x: 'composite', y: 'code', stroke: color.street, strokeWidth: 3, inset: 3 },
      ),
      Plot.text(streets, {
        y: 'code',
        text: (s: UnitResult) => formatScore(s.composite),
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 10,
        fontWeight: 'bold',
        fill: color.street,
      }),
      Plot.text(['街道得分'], {
        frameAnchor: 'top-right',
        textAnchor: 'start',
        lineAnchor: 'top',
        dx: 4,
        dy: -25,
      }),
      Plot.tip(
        drawn,
        Plot.pointer({
          x: 'composite',
          y: 'streetCode',
          channels: {
            社区: 'name',
            街道: 'streetName',
            综合得分: (r: UnitResult) => formatScore(r.composite),
            星级: (r: UnitResult) => (r.stars == null ? '未评星' : `${r.stars}星`),
            排名: (r: UnitResult) => rankLabel(r.rankInClass),
            样本量: (r: UnitResult) => formatCount(r.resident.n),
          },
          format: {
            社区: true,
            街道: true,
            综合得分: true,
            星级: true,
            排名: true,
            样本量: true,
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

/** The scores' extent widened to multiples of 5 within 0–100, so ticks fall on round numbers. */
function domainOf(scores: readonly number[]): [number, number] {
  if (scores.length === 0) return [0, 100];
  const lo = Math.max(0, Math.floor(Math.min(...scores) / 5) * 5);
  const hi = Math.min(100, Math.ceil(Math.max(...scores) / 5) * 5);
  return lo < hi ? [lo, hi] : [Math.max(0, lo - 5), Math.min(100, hi + 5)];
}

/** A sentence for screen readers that carries what the picture shows. */
function describe(streets: readonly UnitResult[], communities: number): string {
  const scored = streets.filter((s) => s.composite != null);
  if (scored.length === 0) return '暂无街道综合得分。';
  const best = scored[0]!;
  const worst = scored.at(-1)!;
  return (
    `${formatCount(streets.length)}个街道(乡镇)、${formatCount(communities)}个社区(村)的综合得分。` +
    `街道综合得分最高的是${best.name}(${formatScore(best.composite)}),最低的是${worst.name}(${formatScore(worst.composite)})。`
  );
}
