import { formatCount, formatScore } from '@manyi/charts/chartStyle';
import { dimensionHeatmap } from '@manyi/charts/dimensionHeatmap';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable, type Column } from './dataTable.ts';
import { dimensionNames } from './dimensionNames.ts';
import { filteredUnits, filterLabel } from './filteredResults.ts';
import { communitiesOf, streetsOf } from './unitFilters.ts';
import type { DashboardView, UnitResult } from './ViewContext.ts';

/** Below this many respondents a dimension's score is not shown (as 样本不足 elsewhere). */
const minSample = 30;

/**
 * 维度明细: units × dimensions of the resident questionnaire, coloured against the mean of the
 * units shown: the streets, or once a street is chosen its communities, so a leader drills
 * down from the city to a street's weak points.
 */
export const heatmapView: DashboardView = {
  id: 'heatmap',
  title: '维度明细',
  titleEn: 'Dimensions',
  needsSignIn: true,
  async render(root, context) {
    const found = await filteredUnits(
      root,
      context,
      context.filters.street ? communitiesOf : streetsOf,
      '当前筛选下没有单位。',
      { detailed: true }, // the one view that draws the dimensions
    );
    if (!found) return;
    const { units } = found;
    const level = context.filters.street ? '社区(村)' : '街道(乡镇)';
    const title = `${context.year}年 各${level}分维度居民满意度得分`;
    const dimensions = [...new Set(units.flatMap((u) => Object.keys(u.dimensions)))];
    root.append(
      chartPanel({
        figure: dimensionHeatmap(units, {
          width: Math.min(chartWidth(root), 960),
          title,
          dimensionNames,
          minSample,
          subtitle: `${filterLabel(found.all, context)} · 格中为得分;蓝色高于所列${level}该维度的平均,红色低于平均,灰色为样本不足${context.filters.street ? '' : '(选择街道可看其各社区)'}`,
        }),
        title,
        fileName: `manyi-dimensions-${context.year}`,
        table: () =>
          dataTable(`各${level}分维度得分`, byResidentScore(units), [
            { label: level, value: (u) => u.name },
            { label: '居民得分', value: (u) => formatScore(u.resident.score), numeric: true },
            ...dimensions.map((d): Column<UnitResult> => ({
              label: dimensionNames[d] ?? d,
              value: (u) => {
                const e = u.dimensions[d];
                return e && e.n >= minSample ? formatScore(e.score) : '样本不足';
              },
              numeric: true,
            })),
          ]),
        tableSummary: `数据表(${formatCount(units.length)}个${level})`,
      }),
    );
  },
};

/** Units best overall resident score first, as the heat map's rows run. */
function byResidentScore(units: readonly UnitResult[]): UnitResult[] {
  return units.toSorted(
    (a, b) => (b.resident.score ?? -1) - (a.resident.score ?? -1) || a.code.localeCompare(b.code),
  );
}
