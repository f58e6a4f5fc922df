import { burdenCompliance } from '@manyi/charts/burdenCompliance';
import { formatCount } from '@manyi/charts/chartStyle';
import { formatShare } from '@manyi/charts/formatShare';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable } from './dataTable.ts';
import { filteredUnits, filterLabel } from './filteredResults.ts';
import { streetsOf } from './unitFilters.ts';
import type { DashboardView } from './ViewContext.ts';

/**
 * 减负: which streets inspect their communities or call them to meetings more often than the
 * limits allow, from the communities' own reports, least compliant first.
 */
export const burdenView: DashboardView = {
  id: 'burden',
  title: '减负情况',
  titleEn: 'Burden',
  needsSignIn: true,
  async render(root, context) {
    const found = await filteredUnits(root, context, streetsOf, '当前筛选下没有街道(乡镇)。');
    if (!found) return;
    const streets = found.units;
    const title = `${context.year}年 各街道(乡镇)减负情况`;
    const sorted = streets.toSorted(
      (a, b) =>
        (a.burden?.compliance ?? 2) - (b.burden?.compliance ?? 2) || a.code.localeCompare(b.code),
    );
    root.append(
      chartPanel({
        figure: burdenCompliance(streets, {
          width: Math.min(chartWidth(root), 900),
          title,
          subtitle: `${filterLabel(found.all, context)} · 红色为检查、会议次数超过上限的社区(村)数,右侧为未超过上限的占比`,
        }),
        title,
        fileName: `manyi-burden-${context.year}`,
        table: () =>
          dataTable('各街道(乡镇)减负情况', sorted, [
            { label: '街道(乡镇)', value: (s) => s.name },
            { label: '区县', value: (s) => s.districtName },
            {
              label: '报告社区',
              value: (s) => (s.burden ? formatCount(s.burden.reporting) : '—'),
              numeric: true,
            },
            {
              label: '超过上限',
              value: (s) => (s.burden ? formatCount(s.burden.over) : '—'),
              numeric: true,
            },
            { label: '合规率', value: (s) => formatShare(s.burden?.compliance), numeric: true },
          ]),
        tableSummary: `数据表(${formatCount(streets.length)}个街道)`,
      }),
    );
  },
};
