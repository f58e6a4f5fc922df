import { formatCount } from '@manyi/charts/chartStyle';
import { defaultMinSample, residentScoresByStreet } from '@manyi/charts/residentScoresByStreet';
import {
  defaultYear,
  fillDistrictSelect,
  fillYearSelect,
  filtersFromQuery,
  filtersToQuery,
  type DashboardFilters,
} from './filters.ts';
import {
  ApiError,
  fetchCampaigns,
  fetchLiveScores,
  type Campaign,
  type LiveScores,
} from './liveApi.ts';
import { scoreTable } from './scoreTable.ts';
import './style.css';

/** How often the live figures are fetched again while the page is visible. */
const refreshMs = 10_000;

const form = document.querySelector<HTMLFormElement>('#filters')!;
const yearSelect = form.elements.namedItem('year') as HTMLSelectElement;
const districtSelect = form.elements.namedItem('district') as HTMLSelectElement;
const kindSelect = form.elements.namedItem('kind') as HTMLSelectElement;
const liveLabel = document.querySelector<HTMLElement>('#live-label')!;
const status = document.querySelector<HTMLElement>('#status')!;
const chart = document.querySelector<HTMLElement>('#chart')!;
const tableSection = document.querySelector<HTMLDetailsElement>('#table-section')!;

let filters: DashboardFilters = filtersFromQuery(location.search);
let live: LiveScores | null = null;
/** The last drawn data and width, so a refresh that changes nothing leaves the chart (and its tip) alone. */
let drawn = '';
let updatedAt: Date | null = null;
let pending: AbortController | null = null;

start();

/** Loads the campaign years, then the chosen year's scores, and keeps them fresh. */
async function start(): Promise<void> {
  let campaigns: Campaign[];
  try {
    campaigns = await fetchCampaigns();
  } catch (error) {
    showError(`无法加载测评年度:${messageOf(error)}`, start);
    return;
  }
  if (campaigns.length === 0) {
    showStatus('还没有任何测评年度。');
    return;
  }
  if (!campaigns.some((c) => c.year === filters.year)) filters.year = defaultYear(campaigns);
  fillYearSelect(yearSelect, campaigns, filters.year);
  for (const select of [yearSelect, districtSelect, kindSelect]) select.disabled = false;
  kindSelect.value = filters.kind;
  form.addEventListener('change', onFiltersChanged);
  setInterval(() => document.visibilityState === 'visible' && refresh(), refreshMs);
  window.addEventListener('focus', () => refresh());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });
  new ResizeObserver(() => live && draw()).observe(chart);
  await refresh();
}

/** Fetches the year's live scores and redraws; on failure keeps what is shown and says so. */
async function refresh(): Promise<void> {
  const year = filters.year;
  if (year == null) return;
  pending?.abort();
  const controller = (pending = new AbortController());
  if (!live) showStatus(`正在加载 ${year} 年的得分……`);
  try {
    const next = await fetchLiveScores(year, controller.signal);
    if (controller.signal.aborted) return;
    live = next;
    updatedAt = new Date();
    draw();
  } catch (error) {
    if (controller.signal.aborted) return;
    if (live?.year === year && updatedAt)
      showError(
        `刷新失败:${messageOf(error)}。仍显示 ${timeOf(updatedAt)} 的数据,稍后自动重试。`,
        refresh,
      );
    else {
      clearFigures();
      showError(`无法加载 ${year} 年的得分:${messageOf(error)}`, refresh);
    }
  } finally {
    if (pending === controller) pending = null;
  }
}

/** Applies a changed select: a new year is fetched, a new district or kind only redrawn. */
function onFiltersChanged(): void {
  const year = Number(yearSelect.value);
  const yearChanged = year !== filters.year;
  filters = {
    year,
    district: yearChanged ? filters.district : districtSelect.value,
    kind: kindSelect.value as DashboardFilters['kind'],
  };
  if (yearChanged) {
    history.replaceState(null, '', `${location.pathname}${filtersToQuery(filters)}`);
    live = null;
    clearFigures();
    refresh();
  } else if (live) draw();
}

/** Draws the chart, the live label and the table for the current data and filters. */
function draw(): void {
  if (!live) return;
  const width = contentWidth(chart);
  const key = JSON.stringify([live, filters.district, filters.kind, width]);
  if (key !== drawn) {
    drawn = key;
    // refilled only when something changed, so a refresh does not close an open select
    fillDistrictSelect(districtSelect, live.communities, filters.district);
    filters.district = districtSelect.value;
    history.replaceState(null, '', `${location.pathname}${filtersToQuery(filters)}`);
    drawFigures(live, width);
  }
  showLiveLabel(live, shownCommunities(live));
  showStatus(`更新于 ${timeOf(updatedAt!)}`);
}

/** The chart, or a note when there is nothing to draw, and the table below it. */
function drawFigures(scores: LiveScores, width: number): void {
  const shown = shownCommunities(scores);
  chart.replaceChildren(
    shown.some((r) => r.score != null)
      ? residentScoresByStreet(scores.communities, {
          district: filters.district || null,
          kind: filters.kind || null,
          width,
          title: `${scores.year}年 各街道(乡镇)社区居民满意度得分`,
        })
      : message('当前筛选下还没有答卷。'),
  );
  tableSection.hidden = shown.length === 0;
  tableSection.querySelector('.table-scroll')!.replaceChildren(scoreTable(shown, defaultMinSample));
  tableSection.querySelector('summary')!.textContent = `数据表(${formatCount(shown.length)}个社区)`;
}

/** The communities the district and kind filters let through. */
function shownCommunities(scores: LiveScores): LiveScores['communities'] {
  return scores.communities.filter(
    (r) =>
      (!filters.district || r.districtCode === filters.district) &&
      (!filters.kind || r.kind === filters.kind),
  );
}

/** Says plainly that these are provisional figures, and how many responses they rest on. */
function showLiveLabel(scores: LiveScores, shown: LiveScores['communities']): void {
  const total = sum(scores.communities.map((r) => r.n));
  const inView = sum(shown.map((r) => r.n));
  const badge = document.createElement('strong');
  badge.className = 'badge';
  badge.textContent = scores.state === 'open' ? '实时 · 暂定' : '暂定';
  const text =
    scores.state === 'open'
      ? `${scores.year}年测评进行中:已收答卷的简单平均,不是年终计分结果,每 ${refreshMs / 1000} 秒刷新。`
      : `${scores.year}年答卷的简单平均,正式结果以年终计分为准。`;
  const counts =
    inView === total
      ? `共 ${formatCount(total)} 份答卷。`
      : `共 ${formatCount(total)} 份答卷,当前筛选 ${formatCount(inView)} 份。`;
  liveLabel.replaceChildren(badge, ` ${text}${counts}`);
  liveLabel.hidden = false;
}

/** Removes the chart, label and table (while a different year loads, or after an error). */
function clearFigures(): void {
  drawn = '';
  chart.replaceChildren();
  liveLabel.hidden = true;
  tableSection.hidden = true;
}

/** A plain status line. */
function showStatus(text: string): void {
  status.classList.remove('error');
  status.replaceChildren(text);
}

/** An error in the status line, with a button to try again at once. */
function showError(text: string, retry: () => unknown): void {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '重试';
  button.addEventListener('click', () => retry());
  status.classList.add('error');
  status.replaceChildren(text, ' ', button);
}

/** A paragraph in place of the chart. */
function message(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = text;
  return p;
}

/** The Chinese message of an error from the API, or a general one. */
function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '发生未知错误';
}

/** A clock time such as 14:05:09. */
function timeOf(date: Date): string {
  return date.toLocaleTimeString('zh-CN', { hour12: false });
}

/** The width inside an element's padding: the chart is drawn at its true size, not scaled down. */
function contentWidth(element: HTMLElement): number {
  const style = getComputedStyle(element);
  return Math.floor(
    element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
  );
}

/** The sum of some counts. */
function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
