import { formatCount } from '@manyi/charts/chartStyle';
import { defaultMinSample, residentScoresByStreet } from '@manyi/charts/residentScoresByStreet';
import { ApiError, fetchLiveScores, type LiveScores } from '../liveApi.ts';
import { scoreTable } from '../scoreTable.ts';
import { chartPanel, chartWidth } from './chartPanel.ts';
import { note } from './note.ts';
import type { DashboardView, ViewContext } from './ViewContext.ts';

/** How often the live figures are fetched again while the page is visible. */
const refreshMs = 10_000;

/**
 * 实时: the provisional resident score of every community of a running campaign, by street,
 * fetched again every 10 s (and on focus) while the tab is open. Public, as the live figures
 * are; plainly labelled 暂定, not the year-end result.
 */
export const liveView: DashboardView = {
  id: 'live',
  title: '实时',
  titleEn: 'Live',
  needsSignIn: false,
  async render(root, context) {
    const label = document.createElement('p');
    label.id = 'live-label';
    label.className = 'live-label';
    label.hidden = true;
    const holder = document.createElement('div');
    root.append(label, holder);
    let live: LiveScores | null = null;
    let drawn = '';
    let updatedAt: Date | null = null;

    /** Fetches the year's live scores and redraws; on failure keeps what is shown and says so. */
    const refresh = async (): Promise<void> => {
      if (context.signal.aborted) return;
      if (!live) context.notify(`正在加载 ${context.year} 年的得分……`);
      try {
        const next = await fetchLiveScores(context.year, context.signal);
        if (context.signal.aborted) return;
        live = next;
        updatedAt = new Date();
        draw();
      } catch (error) {
        if (context.signal.aborted) return;
        const message = error instanceof ApiError ? error.message : '发生未知错误';
        if (live && updatedAt)
          context.notify(
            `刷新失败:${message}。仍显示 ${timeOf(updatedAt)} 的数据,稍后自动重试。`,
            'error',
            refresh,
          );
        else context.notify(`无法加载 ${context.year} 年的得分:${message}`, 'error', refresh);
      }
    };

    /** Draws the chart, label and table when the data changed (so a refresh keeps an open tip). */
    const draw = (): void => {
      if (!live) return;
      const shown = shownCommunities(live, context);
      const key = JSON.stringify(live);
      if (key !== drawn) {
        drawn = key;
        holder.replaceChildren(figures(live, shown, chartWidth(root)));
      }
      showLiveLabel(label, live, shown);
      context.notify(`更新于 ${timeOf(updatedAt!)}`);
    };

    const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), refreshMs);
    const onFocus = () => void refresh();
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    context.signal.addEventListener('abort', () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    });
    await refresh();
  },
};

/** The chart (or a note when there is nothing to draw) with its table, in a panel. */
function figures(scores: LiveScores, shown: LiveScores['communities'], width: number): HTMLElement {
  const title = `${scores.year}年 各街道(乡镇)社区居民满意度得分`;
  const figure = shown.some((r) => r.score != null)
    ? residentScoresByStreet(shown, { width, title })
    : note('当前筛选下还没有答卷。');
  const panel = chartPanel({
    figure,
    title,
    fileName: `manyi-live-${scores.year}`,
    table: scoreTable(shown, defaultMinSample),
    tableSummary: `数据表(${formatCount(shown.length)}个社区)`,
  });
  panel.querySelector('.chart')!.id = 'chart';
  const details = panel.querySelector('details');
  if (details) {
    details.id = 'table-section';
    details.hidden = shown.length === 0;
  }
  return panel;
}

/** The communities the district, street and kind filters let through. */
function shownCommunities(scores: LiveScores, context: ViewContext): LiveScores['communities'] {
  const { district, street, kind } = context.filters;
  return scores.communities.filter(
    (r) =>
      (!district || r.districtCode === district) &&
      (!street || r.streetCode === street) &&
      (!kind || r.kind === kind),
  );
}

/** Says plainly that these are provisional figures, and how many responses they rest on. */
function showLiveLabel(
  label: HTMLElement,
  scores: LiveScores,
  shown: LiveScores['communities'],
): void {
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
  label.replaceChildren(badge, ` ${text}${counts}`);
  label.hidden = false;
}

/** A clock time such as 14:05:09. */
function timeOf(date: Date): string {
  return date.toLocaleTimeString('zh-CN', { hour12: false });
}

/** The sum of some counts. */
function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
