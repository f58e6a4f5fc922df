import { formatCount, formatScore } from '@manyi/charts/chartStyle';
import { compositeDistribution } from '@manyi/charts/compositeDistribution';
import { rankIntervals } from '@manyi/charts/rankIntervals';
import { rankLabel } from '@manyi/charts/rankLabel';
import { starLabel } from '@manyi/charts/starColors';
import { starCounts } from '@manyi/charts/starCounts';
import { tooFewResponses } from '@manyi/scoring/unitResult';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable } from './dataTable.ts';
import { filteredResults, filterLabel } from './filteredResults.ts';
import { communitiesOf, streetsOf } from './unitFilters.ts';
import type { DashboardView, UnitResult } from './ViewContext.ts';

/** How many of the best and of the worst the overview lists per ranking class. */
const topCount = 10;

/**
 * 总体概况: how the composites spread, how many units have each star rating, and the best and
 * worst communities of each class with their rank intervals: the first thing a leader sees.
 */
export const overviewView: DashboardView = {
  id: 'overview',
  title: '总体概况',
  titleEn: 'Overview',
  needsSignIn: true,
  async render(root, context) {
    const found = await filteredResults(root, context);
    if (!found) return;
    const { rows } = found;
    const width = chartWidth(root);
    const year = context.year;
    const where = filterLabel(found.all, context);
    const communities = communitiesOf(rows);
    const streets = streetsOf(rows);
    root.append(headline(communities, streets, where));

    const histogramTitle = `${year}年 社区(村)综合得分分布`;
    root.append(
      chartPanel({
        figure: compositeDistribution(communities, {
          width,
          title: histogramTitle,
          subtitle: `${where} · 每 2 分一档,颜色为星级,虚线为中位数`,
        }),
        title: histogramTitle,
        fileName: `manyi-distribution-${year}`,
        table: () => binTable(communities),
        tableSummary: '数据表(各分数段单位数)',
      }),
    );

    const starsTitle = `${year}年 星级分布`;
    root.append(
      chartPanel({
        figure: starCounts(rows, {
          width: Math.min(width, 720),
          title: starsTitle,
          subtitle: where,
        }),
        title: starsTitle,
        fileName: `manyi-stars-${year}`,
        table: () => starTable(rows),
        tableSummary: '数据表(各星级单位数)',
      }),
    );

    for (const kind of ['urban', 'rural'] as const) {
      if (context.filters.kind && context.filters.kind !== kind) continue;
      const group = communities.filter((c) => c.rankingClass === kind);
      if (group.length === 0) continue;
      const name = kind === 'urban' ? '城市社区' : '农村社区(村)';
      const title = `${year}年 ${name}排名前 ${topCount} 与后 ${topCount}`;
      root.append(
        chartPanel({
          figure: rankIntervals(group, {
            width,
            count: topCount,
            title,
            subtitle: `${where} · 全市${name}排名:点为名次,横条为 90% 名次区间,右侧为名次与综合得分`,
          }),
          title,
          fileName: `manyi-ranks-${kind}-${year}`,
          table: () => rankTable(group),
          tableSummary: `数据表(${formatCount(group.length)}个${name}的名次)`,
        }),
      );
    }
  },
};

/** One line of figures above the charts: how many units, the median composite, how many unranked. */
function headline(communities: UnitResult[], streets: UnitResult[], where: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'headline';
  const composites = communities.flatMap((c) => (c.composite == null ? [] : [c.composite]));
  const few = communities.filter((c) => c.flags.includes(tooFewResponses)).length;
  p.textContent =
    `${where}:${formatCount(streets.length)}个街道(乡镇)、${formatCount(communities.length)}个社区(村)` +
    (composites.length ? `,社区综合得分中位数 ${formatScore(median(composites))}` : '') +
    (few ? `,${formatCount(few)}个社区样本不足未排名` : '') +
    '。';
  return p;
}

/** Units per 2-point band of the composite, as the histogram draws them. */
function binTable(rows: readonly UnitResult[]): HTMLTableElement {
  const bins = new Map<number, number>();
  for (const r of rows) {
    if (r.composite == null) continue;
    const lo = Math.floor(r.composite / 2) * 2;
    bins.set(lo, (bins.get(lo) ?? 0) + 1);
  }
  const list = [...bins.entries()].sort((a, b) => a[0] - b[0]);
  return dataTable('各分数段社区(村)数', list, [
    { label: '综合得分', value: ([lo]) => `${lo}–${lo + 2}` },
    { label: '单位数', value: ([, n]) => formatCount(n), numeric: true },
  ]);
}

/** Units per level and star rating. */
function starTable(rows: readonly UnitResult[]): HTMLTableElement {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.level === 'street' ? '街道(乡镇)' : '社区(村)'}\t${starLabel(r.stars)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const list = [...counts.entries()].map(
    ([key, n]) => [...key.split('\t'), n] as [string, string, number],
  );
  return dataTable('各星级单位数', list, [
    { label: '层级', value: ([level]) => level },
    { label: '星级', value: ([, stars]) => stars },
    { label: '单位数', value: ([, , n]) => formatCount(n), numeric: true },
  ]);
}

/** Every community of a class by rank, with its interval: the table behind the top and bottom. */
function rankTable(rows: readonly UnitResult[]): HTMLTableElement {
  const sorted = rows.toSorted(
    (a, b) =>
      (a.rankInClass?.rank ?? Infinity) - (b.rankInClass?.rank ?? Infinity) ||
      a.code.localeCompare(b.code),
  );
  return dataTable('名次及 90% 名次区间', sorted, [
    { label: '社区(村)', value: (r) => r.name },
    { label: '街道(乡镇)', value: (r) => r.streetName ?? '' },
    { label: '综合得分', value: (r) => formatScore(r.composite), numeric: true },
    { label: '星级', value: (r) => starLabel(r.stars) },
    { label: '名次(90% 区间)', value: (r) => rankLabel(r.rankInClass) },
    {
      label: '参与排名',
      value: (r) => (r.rankInClass ? formatCount(r.rankInClass.of) : '—'),
      numeric: true,
    },
    { label: '备注', value: (r) => r.flags.join('、') },
  ]);
}

/** The middle value, or the mean of the two middle values. */
function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
