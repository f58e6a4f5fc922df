import { formatCount, formatScore } from '@manyi/charts/chartStyle';
import { dimensionComparison } from '@manyi/charts/dimensionComparison';
import { formatChange, formatShare } from '@manyi/charts/formatShare';
import { profileTrend } from '@manyi/charts/profileTrend';
import { rankLabel } from '@manyi/charts/rankLabel';
import { starLabel } from '@manyi/charts/starColors';
import type { UnitProfile } from '@manyi/scoring/unitProfile';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { dataTable } from './dataTable.ts';
import { filteredResults } from './filteredResults.ts';
import { heading, note } from './note.ts';
import { unitAnswer } from './unitAnswer.ts';
import { unitPicker } from './unitPicker.ts';
import type { DashboardView, UnitResult, ViewContext } from './ViewContext.ts';
import './profileViews.css';

/** `GET /api/v1/profile/:year/:code`. */
interface ProfileAnswer {
  profile: UnitProfile;
  summary: string;
}

/** The unit last chosen, kept while the page is open so that a change of tab or year keeps it. */
let chosen = '';

/**
 * 单位概况: one community or street picked from the filtered units: its figures (composite with
 * interval, stars, ranks with intervals, resident score, two-way rating, burden, response rate),
 * the paragraph an evaluator pastes into a year-end report (复制 copies it), how it compares with
 * its street and its district's peers, its trend over the years and its dimensions against the
 * peers. Every figure comes from the stored results (`GET /profile`).
 */
export const profileView: DashboardView = {
  id: 'profile',
  title: '单位概况',
  titleEn: 'Unit profile',
  needsSignIn: true,
  async render(root, context) {
    const found = await filteredResults(root, context);
    if (!found) return;
    // staff read only their own unit's profile (the API refuses the others)
    const rows = isStaff(context)
      ? found.rows.filter((r) => r.code === context.user!.scope)
      : found.rows;
    if (!rows.length) {
      root.append(note('当前筛选下没有可查看概况的单位。'));
      return;
    }
    const start = rows.find((r) => r.code === chosen) ?? defaultUnit(rows, context);
    const body = document.createElement('div');
    body.className = 'profile-body';
    const picker = unitPicker(rows, start.code, '单位', (code) => {
      chosen = code;
      void drawProfile(body, context, code);
    });
    root.append(picker, body);
    await drawProfile(body, context, start.code);
  },
};

/** Whether the reader is street or community staff. */
function isStaff(context: ViewContext): boolean {
  return context.user?.role === 'street_staff' || context.user?.role === 'community_staff';
}

/** The street chosen in the filters, else the first unit shown (streets come first). */
function defaultUnit(rows: readonly UnitResult[], context: ViewContext): UnitResult {
  return rows.find((r) => r.code === context.filters.street) ?? rows[0]!;
}

/** Fetches and draws one unit's profile into `body`, unless another was asked for meanwhile. */
async function drawProfile(body: HTMLElement, context: ViewContext, code: string): Promise<void> {
  const answer = await unitAnswer<ProfileAnswer>(
    body,
    context,
    code,
    `/profile/${context.year}/${encodeURIComponent(code)}`,
  );
  if (!answer) return;
  const { profile, summary } = answer;
  const { unit } = profile;
  const width = chartWidth(body);
  body.replaceChildren(
    heading(`${unit.name} · ${placeOf(unit)}`),
    figures(profile),
    summaryBox(summary),
    comparisonTable(profile),
    chartPanel({
      figure: profileTrend(profile.trend, {
        width: Math.min(width, 720),
        title: `${unit.name} 历年得分`,
      }),
      title: `${unit.name} 历年得分`,
      fileName: `manyi-profile-trend-${unit.code}-${context.year}`,
      table: trendTable(profile),
      tableSummary: `数据表(${profile.trend.length}个年度)`,
    }),
  );
  if (profile.dimensions.length)
    body.append(
      chartPanel({
        figure: dimensionComparison(profile.dimensions, {
          width: Math.min(width, 800),
          title: `${context.year}年 ${unit.name} 各维度与同类均值`,
        }),
        title: `${context.year}年 ${unit.name} 各维度与同类均值`,
        fileName: `manyi-profile-dimensions-${unit.code}-${context.year}`,
        table: dimensionTable(profile),
        tableSummary: `数据表(${profile.dimensions.length}个维度)`,
      }),
    );
  body.removeAttribute('aria-busy');
}

/** Where a unit lies, e.g. 城市社区 · 中山路街道 · 东城区. */
function placeOf(unit: UnitResult): string {
  const kind =
    unit.level === 'street'
      ? (unit.kind ?? '街道')
      : unit.rankingClass === 'urban'
        ? '城市社区'
        : '农村社区(村)';
  return [kind, unit.streetName, unit.districtName].filter(Boolean).join(' · ');
}

/** The unit's own figures as a definition list. */
function figures(profile: UnitProfile): HTMLElement {
  const { unit } = profile;
  const items: [string, string][] = [
    ['综合得分', withInterval(unit.composite, unit.compositeLow, unit.compositeHigh)],
    ['星级', starLabel(unit.stars)],
    ['区内排名', rankOf(unit.rankInDistrict)],
    ['全市同类排名', rankOf(unit.rankInClass)],
    ['居民满意度', withInterval(unit.resident.score, unit.resident.low, unit.resident.high)],
    ['满意率', formatShare(unit.resident.satisfiedRate)],
    ['有效样本', `${formatCount(unit.resident.n)} 份`],
  ];
  if (unit.streetRating) items.push(['街道(乡镇)评价', `${formatScore(unit.streetRating.score)}`]);
  if (unit.communityRating)
    items.push([
      '社区(村)评价',
      `${formatScore(unit.communityRating.score)}(${unit.communityRating.raters}个社区)`,
    ]);
  if (unit.burden)
    items.push(['减负', `${unit.burden.over}/${unit.burden.reporting} 个社区超过上限`]);
  if (unit.compositeChange) items.push(['较上年', changeText(unit.compositeChange)]);
  if (profile.responseRate?.responseRate != null)
    items.push(['回收率', formatShare(profile.responseRate.responseRate)]);
  if (unit.flags.length) items.push(['标记', unit.flags.join('、')]);
  const list = document.createElement('dl');
  list.className = 'profile-figures';
  for (const [term, value] of items) {
    const item = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    item.append(dt, dd);
    list.append(item);
  }
  return list;
}

/** The generated paragraph with a button that copies it. */
function summaryBox(summary: string): HTMLElement {
  const box = document.createElement('section');
  box.className = 'profile-summary';
  const title = document.createElement('h3');
  title.textContent = '报告摘要';
  const text = document.createElement('p');
  text.className = 'summary-text';
  text.textContent = summary;
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.textContent = '复制';
  copy.title = '复制摘要 / Copy the summary';
  const done = document.createElement('span');
  done.className = 'copied';
  done.setAttribute('role', 'status');
  copy.addEventListener('click', () => {
    void copyText(summary, text).then((ok) => {
      done.textContent = ok ? '已复制 / Copied' : '请手动选择文字复制 / Select the text to copy';
    });
  });
  const tools = document.createElement('div');
  tools.className = 'summary-tools';
  tools.append(copy, done);
  box.append(title, text, tools);
  return box;
}

/** Copies through the clipboard API, else selects the paragraph and copies the selection. */
async function copyText(summary: string, paragraph: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(summary);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  }
}

/** The unit beside its street and its district's peers. */
function comparisonTable(profile: UnitProfile): HTMLTableElement {
  const { unit, street, district } = profile;
  const rows: [string, number | null, number | null][] = [
    [unit.name, unit.composite, unit.resident.score],
  ];
  if (street) rows.push([`所属${street.name}`, street.composite, street.resident.score]);
  rows.push([
    `${district.name}同类均值(${district.peers}个)`,
    district.meanComposite,
    district.meanResident,
  ]);
  const table = dataTable('与所属街道、区内同类单位比较', rows, [
    { label: '', value: ([name]) => name },
    { label: '综合得分', value: ([, composite]) => formatScore(composite), numeric: true },
    { label: '居民满意度', value: ([, , resident]) => formatScore(resident), numeric: true },
  ]);
  table.classList.add('profile-comparison');
  return table;
}

/** Each year's composite and resident score with their intervals. */
function trendTable(profile: UnitProfile): HTMLTableElement {
  return dataTable('历年得分', profile.trend, [
    { label: '年度', value: (t) => String(t.year) },
    {
      label: '综合得分(95% 区间)',
      value: (t) => withInterval(t.composite, t.compositeLow, t.compositeHigh),
    },
    { label: '星级', value: (t) => starLabel(t.stars) },
    {
      label: '居民满意度(95% 区间)',
      value: (t) => withInterval(t.resident, t.residentLow, t.residentHigh),
    },
  ]);
}

/** Each dimension against the peers. */
function dimensionTable(profile: UnitProfile): HTMLTableElement {
  return dataTable('各维度与同类均值', profile.dimensions, [
    { label: '维度', value: (d) => d.name },
    { label: '得分(95% 区间)', value: (d) => withInterval(d.score, d.low, d.high) },
    { label: '同类均值', value: (d) => formatScore(d.peerMean), numeric: true },
    { label: '差异', value: (d) => formatChange(d.difference), numeric: true },
    { label: '超出抽样误差', value: (d) => (d.significant ? '是' : '否') },
  ]);
}

/** 82.4(79.1–85.7), or the score alone. */
function withInterval(score: number | null, low: number | null, high: number | null): string {
  if (score === null) return '—';
  return low === null || high === null
    ? formatScore(score)
    : `${formatScore(score)}(${formatScore(low)}–${formatScore(high)})`;
}

/** 第 3 名(2–6)/20, or why there is none. */
function rankOf(rank: UnitResult['rankInDistrict']): string {
  return rank ? `${rankLabel(rank)} / ${rank.of}` : rankLabel(rank);
}

/** +2.3(显著) */
function changeText(change: NonNullable<UnitResult['compositeChange']>): string {
  return `${formatChange(change.change)}${change.significant ? '(超出抽样误差)' : '(在抽样误差之内)'}`;
}
