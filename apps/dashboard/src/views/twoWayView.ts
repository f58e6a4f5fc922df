import { formatCount, formatScore } from '@manyi/charts/chartStyle';
import { formatChange } from '@manyi/charts/formatShare';
import { twoWayCommunities } from '@manyi/charts/twoWayCommunities';
import { twoWayStreets } from '@manyi/charts/twoWayStreets';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable } from './dataTable.ts';
import { filteredResults, filterLabel } from './filteredResults.ts';
import { heading } from './note.ts';
import type { DashboardView, UnitResult } from './ViewContext.ts';

/**
 * Points of difference beyond which the two sides disagree: on the 0–100 scale a street's
 * rating and the residents' score differ by a few points as a rule; 10 is a full grade.
 */
const threshold = 10;

/** The two directions of rating: who rates whom, where the rating is kept, how they are named. */
const sides = [
  {
    level: 'community',
    rating: (r: UnitResult) => r.streetRating,
    chart: twoWayCommunities,
    heading: '街道评社区 / Streets rate communities',
    title: '街道评社区与居民评社区',
    file: 'communities',
    rater: '街道',
    caption: '各社区:街道评价与居民得分',
    unit: '社区',
  },
  {
    level: 'street',
    rating: (r: UnitResult) => r.communityRating,
    chart: twoWayStreets,
    heading: '社区评街道 / Communities rate streets',
    title: '社区评街道与居民评街道',
    file: 'streets',
    rater: '社区',
    caption: '各街道:社区评价与居民得分',
    unit: '街道',
  },
] as const;

/**
 * 双向评价: a street's rating of each community against that community's residents' score, and
 * the communities' rating of their street against the street's residents' score; where the
 * two sides disagree by more than 10 points the unit is marked and named.
 */
export const twoWayView: DashboardView = {
  id: 'two-way',
  title: '双向评价',
  titleEn: 'Two-way',
  needsSignIn: true,
  async render(root, context) {
    const found = await filteredResults(root, context);
    if (!found) return;
    const width = Math.min(chartWidth(root), 760);
    const where = filterLabel(found.all, context);
    const year = context.year;
    const gap = (rating: number, resident: number | null) =>
      resident == null ? null : rating - resident;
    for (const side of sides) {
      const rows = found.rows.filter((r) => r.level === side.level && side.rating(r));
      const title = `${year}年 ${side.title}`;
      root.append(
        heading(side.heading),
        chartPanel({
          figure: side.chart(found.rows, {
            width,
            threshold,
            title,
            subtitle: `${where} · 斜线为两方一致;灰带内相差不超过 ${threshold} 分。红点:${side.rater}评价高于居民;橙点:低于居民`,
          }),
          title,
          fileName: `manyi-two-way-${side.file}-${year}`,
          table: () =>
            disagreementTable(
              side.caption,
              rows,
              (r) => side.rating(r)!.score,
              (r) => side.rating(r)!.raters,
              gap,
            ),
          tableSummary: `数据表(${formatCount(rows.length)}个${side.unit},相差大者在前)`,
        }),
      );
    }
  },
};

/** Units by the size of the disagreement, largest first, with both scores. */
function disagreementTable(
  caption: string,
  rows: UnitResult[],
  rating: (r: UnitResult) => number,
  raters: (r: UnitResult) => number,
  gap: (rating: number, resident: number | null) => number | null,
): HTMLTableElement {
  const size = (r: UnitResult) => Math.abs(gap(rating(r), r.resident.score) ?? 0);
  const sorted = rows.toSorted((a, b) => size(b) - size(a) || a.code.localeCompare(b.code));
  return dataTable(caption, sorted, [
    { label: '单位', value: (r) => r.name },
    { label: '所属', value: (r) => r.streetName ?? r.districtName },
    { label: '居民得分', value: (r) => formatScore(r.resident.score), numeric: true },
    { label: '对方评价', value: (r) => formatScore(rating(r)), numeric: true },
    { label: '相差', value: (r) => formatChange(gap(rating(r), r.resident.score)), numeric: true },
    { label: '评价人数', value: (r) => formatCount(raters(r)), numeric: true },
    { label: '判断', value: (r) => (size(r) > threshold ? '分歧' : '') },
  ]);
}
