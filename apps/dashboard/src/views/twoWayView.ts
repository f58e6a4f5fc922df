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

    const communities = found.rows.filter((r) => r.level === 'community' && r.streetRating);
    const communityTitle = `${year}年 街道评社区与居民评社区`;
    root.append(
      heading('街道评社区 / Streets rate communities'),
      chartPanel({
        figure: twoWayCommunities(found.rows, {
          width,
          threshold,
          title: communityTitle,
          subtitle: `${where} · 斜线为两方一致;灰带内相差不超过 ${threshold} 分。红点:街道评价高于居民;橙点:低于居民`,
        }),
        title: communityTitle,
        fileName: `manyi-two-way-communities-${year}`,
        table: () =>
          disagreementTable(
            '各社区:街道评价与居民得分',
            communities,
            (r) => r.streetRating!.score,
            (r) => r.streetRating!.raters,
            gap,
          ),
        tableSummary: `数据表(${formatCount(communities.length)}个社区,相差大者在前)`,
      }),
    );

    const streets = found.rows.filter((r) => r.level === 'street' && r.communityRating);
    const streetTitle = `${year}年 社区评街道与居民评街道`;
    root.append(
      heading('社区评街道 / Communities rate streets'),
      chartPanel({
        figure: twoWayStreets(found.rows, {
          width,
          threshold,
          title: streetTitle,
          subtitle: `${where} · 斜线为两方一致;灰带内相差不超过 ${threshold} 分。红点:社区评价高于居民;橙点:低于居民`,
        }),
        title: streetTitle,
        fileName: `manyi-two-way-streets-${year}`,
        table: () =>
          disagreementTable(
            '各街道:社区评价与居民得分',
            streets,
            (r) => r.communityRating!.score,
            (r) => r.communityRating!.raters,
            gap,
          ),
        tableSummary: `数据表(${formatCount(streets.length)}个街道,相差大者在前)`,
      }),
    );
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
