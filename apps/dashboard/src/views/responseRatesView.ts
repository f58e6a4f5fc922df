import { formatCount } from '@manyi/charts/chartStyle';
import { formatShare } from '@manyi/charts/formatShare';
import { responseRateBars, type RateRow } from '@manyi/charts/responseRateBars';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable } from './dataTable.ts';
import { heading, note } from './note.ts';
import { ratesOfKind } from './unitFilters.ts';
import type { DashboardView, UnitResult } from './ViewContext.ts';

/**
 * 回收率: valid responses over questionnaires distributed, per district, street and (once a
 * district or street is chosen) community, lowest first, so a leader sees where fieldwork
 * fell short. Works before the year is scored: results are used, when there are any, only to
 * apply the urban/rural filter.
 */
export const responseRatesView: DashboardView = {
  id: 'rates',
  title: '回收率',
  titleEn: 'Response rates',
  needsSignIn: true,
  async render(root, context) {
    const [distribution, results] = await Promise.all([
      context.rates(context.year),
      context.results(context.year),
    ]);
    if (context.signal.aborted) return;
    const units = new Map<string, UnitResult>((results?.rows ?? []).map((r) => [r.code, r]));
    const { district, street } = context.filters;
    const streetDistrict = new Map(
      distribution.streets.map((s) => [s.code ?? '', s.parentCode ?? '']),
    );
    const names = new Map(
      [...distribution.districts, ...distribution.streets].map((u) => [u.code ?? '', u.name]),
    );
    // rates know only their parent: a community's district is its street's
    const inPlace = (rows: RateRow[], level: 'district' | 'street' | 'community') =>
      rows.filter((r) => {
        const districtOf =
          level === 'district'
            ? r.code
            : level === 'street'
              ? r.parentCode
              : streetDistrict.get(r.parentCode ?? '');
        const streetOf = level === 'street' ? r.code : level === 'community' ? r.parentCode : null;
        return (
          (!district || districtOf === district) &&
          (!street || level === 'district' || streetOf === street)
        );
      });
    const { kind } = context.filters;
    const levels: [string, string, RateRow[]][] = [];
    // a district holds both kinds: its rate is shown whatever the urban/rural filter
    if (!street) levels.push(['区县', 'districts', inPlace(distribution.districts, 'district')]);
    levels.push([
      '街道(乡镇)',
      'streets',
      ratesOfKind(inPlace(distribution.streets, 'street'), units, kind),
    ]);
    if (district || street)
      levels.push([
        '社区(村)',
        'communities',
        ratesOfKind(inPlace(distribution.communities, 'community'), units, kind),
      ]);
    const width = Math.min(chartWidth(root), 900);
    const city = distribution.city;
    const summary = document.createElement('p');
    summary.className = 'headline';
    summary.textContent = city
      ? `全市发放问卷 ${formatCount(city.distributed)} 份,回收有效答卷 ${formatCount(city.validResponses)} 份,回收率 ${formatShare(city.responseRate)}。`
      : '尚无发放与回收数据。';
    root.append(summary);
    for (const [level, key, rows] of levels) {
      if (rows.length === 0) continue;
      const title = `${context.year}年 各${level}问卷回收率`;
      root.append(
        heading(
          `${level} / ${key === 'districts' ? 'Districts' : key === 'streets' ? 'Streets' : 'Communities'}`,
        ),
        chartPanel({
          figure: rows.some((r) => r.responseRate != null)
            ? responseRateBars(rows, {
                width,
                title,
                overall: city?.responseRate ?? null,
                parentNames: names,
              })
            : note(`${level}尚未录入发放数,没有回收率。`),
          title,
          fileName: `manyi-rates-${key}-${context.year}`,
          table: () =>
            dataTable(`各${level}问卷回收率`, rows, [
              { label: level, value: (r) => r.name },
              { label: '发放', value: (r) => formatCount(r.distributed), numeric: true },
              {
                label: '邀请码(已用/发出)',
                value: (r) => `${formatCount(r.invitationsUsed)}/${formatCount(r.invitations)}`,
                numeric: true,
              },
              { label: '纸质问卷', value: (r) => formatCount(r.paperHandedOut), numeric: true },
              { label: '有效答卷', value: (r) => formatCount(r.validResponses), numeric: true },
              { label: '回收率', value: (r) => formatShare(r.responseRate), numeric: true },
            ]),
          tableSummary: `数据表(${formatCount(rows.length)}个${level})`,
        }),
      );
    }
  },
};
