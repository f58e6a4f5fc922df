import { formatCount, formatScore } from '@manyi/charts/chartStyle';
import { rankLabel } from '@manyi/charts/rankLabel';
import { starLabel } from '@manyi/charts/starColors';
import { streetsSideBySide } from '@manyi/charts/streetsSideBySide';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable } from './dataTable.ts';
import { filteredUnits, filterLabel } from './filteredResults.ts';
import { communitiesOf, streetsOf } from './unitFilters.ts';
import type { DashboardView, UnitResult } from './ViewContext.ts';

/**
 * 街道对比: the streets side by side, each with its communities' composites and its own, so a
 * leader sees which streets lead and how even their communities are.
 */
export const streetsView: DashboardView = {
  id: 'streets',
  title: '街道对比',
  titleEn: 'Streets',
  needsSignIn: true,
  async render(root, context) {
    const found = await filteredUnits(root, context, streetsOf, '当前筛选下没有街道(乡镇)。');
    if (!found) return;
    const streets = found.units;
    const communities = communitiesOf(found.rows);
    const title = `${context.year}年 各街道(乡镇)及其社区(村)综合得分`;
    root.append(
      chartPanel({
        figure: streetsSideBySide(found.rows, {
          width: chartWidth(root),
          title,
          subtitle: `${filterLabel(found.all, context)} · 每点一个社区(村),红色竖线为街道综合得分,按街道综合得分从高到低排列`,
        }),
        title,
        fileName: `manyi-streets-${context.year}`,
        table: () => streetTable(streets, communities),
        tableSummary: `数据表(${formatCount(streets.length)}个街道)`,
      }),
    );
  },
};

/** Each street's figures: composite, stars, rank with interval, and its communities' spread. */
function streetTable(streets: UnitResult[], communities: UnitResult[]): HTMLTableElement {
  const sorted = streets.toSorted((a, b) => (b.composite ?? -1) - (a.composite ?? -1));
  const spread = (s: UnitResult) => {
    const scores = communities
      .filter((c) => c.streetCode === s.code && c.composite != null)
      .map((c) => c.composite!);
    return scores.length
      ? `${formatScore(Math.min(...scores))}–${formatScore(Math.max(...scores))}`
      : '—';
  };
  return dataTable('各街道(乡镇)综合得分', sorted, [
    { label: '街道(乡镇)', value: (s) => s.name },
    { label: '区县', value: (s) => s.districtName },
    { label: '综合得分', value: (s) => formatScore(s.composite), numeric: true },
    { label: '星级', value: (s) => starLabel(s.stars) },
    { label: '同类排名(90% 区间)', value: (s) => rankLabel(s.rankInClass) },
    { label: '区县内排名', value: (s) => rankLabel(s.rankInDistrict) },
    { label: '居民得分', value: (s) => formatScore(s.resident.score), numeric: true },
    { label: '社区得分范围', value: spread },
  ]);
}
