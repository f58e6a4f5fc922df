import { formatCount, formatScore } from '@manyi/charts/chartStyle';
import { formatChange } from '@manyi/charts/formatShare';
import { yearOverYearChange } from '@manyi/charts/yearOverYearChange';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable } from './dataTable.ts';
import { filteredResults, filterLabel } from './filteredResults.ts';
import { heading } from './note.ts';
import { communitiesOf, streetsOf } from './unitFilters.ts';
import type { DashboardView, UnitResult } from './ViewContext.ts';

/**
 * 年度变化: each street's and community's composite since last year, significant changes
 * (beyond the two years' sampling noise) filled, so that a leader does not read noise as
 * progress. Communities are grouped by street once a district or street is chosen.
 */
export const yearOverYearView: DashboardView = {
  id: 'year-over-year',
  title: '年度变化',
  titleEn: 'Year over year',
  needsSignIn: true,
  async render(root, context) {
    const found = await filteredResults(root, context);
    if (!found) return;
    const width = chartWidth(root);
    const where = filterLabel(found.all, context);
    const year = context.year;
    const narrowed = Boolean(context.filters.district || context.filters.street);
    for (const [level, rows] of [
      ['街道(乡镇)', streetsOf(found.rows)],
      ['社区(村)', communitiesOf(found.rows)],
    ] as const) {
      if (rows.length === 0) continue;
      const title = `${year}年 ${level}综合得分与上年相比`;
      const changed = rows.filter((r) => r.compositeChange);
      root.append(
        heading(`${level} / ${level === '街道(乡镇)' ? 'Streets' : 'Communities'}`),
        chartPanel({
          figure: yearOverYearChange(rows, {
            width,
            title,
            groupBy: level === '社区(村)' && narrowed ? 'street' : 'district',
            subtitle: `${where} · 每点一个${level};实心为显著变化,绿色上升、红色下降,空心灰点为变化不显著`,
          }),
          title,
          fileName: `manyi-change-${level === '街道(乡镇)' ? 'streets' : 'communities'}-${year}`,
          table: () => changeTable(level, changed),
          tableSummary: `数据表(${formatCount(changed.length)}个${level},变化大者在前)`,
        }),
      );
    }
  },
};

/** Units by the size of their change, largest first. */
function changeTable(level: string, rows: UnitResult[]): HTMLTableElement {
  const sorted = rows.toSorted(
    (a, b) =>
      Math.abs(b.compositeChange!.change) - Math.abs(a.compositeChange!.change) ||
      a.code.localeCompare(b.code),
  );
  return dataTable(`各${level}综合得分变化`, sorted, [
    { label: level, value: (r) => r.name },
    { label: '所属', value: (r) => r.streetName ?? r.districtName },
    { label: '本年综合得分', value: (r) => formatScore(r.composite), numeric: true },
    { label: '变化', value: (r) => formatChange(r.compositeChange!.change), numeric: true },
    { label: '显著', value: (r) => (r.compositeChange!.significant ? '是' : '否') },
    { label: '居民得分变化', value: (r) => formatChange(r.residentChange?.change), numeric: true },
  ]);
}
