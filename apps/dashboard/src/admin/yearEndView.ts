import { stateNames, transitions } from './lifecycleRules.ts';
import type { AdminContext } from './AdminContext.ts';
import { api, type Campaign, type PublishResult, type ScoringRun } from './adminApi.ts';
import { formatTime, h } from './dom.ts';

/**
 * 年终评分与发布: for the chosen year, a scoring run (计算评分), the year's workbook, and — once
 * the year is finalized in 测评管理 — publishing its public results site.
 */
export async function yearEndView(container: HTMLElement, context: AdminContext): Promise<void> {
  const { year } = context;
  const campaign = context.campaigns.find((c) => c.year === year);
  if (!campaign) {
    container.append(h('p', {}, '请先新建测评年度。'));
    return;
  }
  const evaluator = context.user.role === 'evaluator' && context.user.scope === null;
  const canScore = evaluator && (campaign.state === 'open' || campaign.state === 'closed');
  // the lifecycle's own transitions: only a finalized year may be published
  const canPublish = evaluator && transitions[campaign.state].includes('published');
  const runBox = h('div', { id: 'scoring-run', class: 'run-result', 'aria-live': 'polite' });
  const publishBox = h('div', { id: 'publish-result', class: 'run-result', 'aria-live': 'polite' });
  const scoreButton = h(
    'button',
    { type: 'button', class: 'primary', id: 'run-scoring', disabled: !canScore },
    '计算评分',
  );
  scoreButton.addEventListener('click', () => void score());
  const publishButton = h(
    'button',
    { type: 'button', class: 'primary', id: 'publish-year', disabled: !canPublish },
    '发布',
  );
  publishButton.addEventListener('click', () => void publish());

  container.append(
    h('h2', {}, `${year} 年度年终评分与发布 `, h('span', { class: 'en' }, 'Scoring & publishing')),
    h('p', { class: 'note' }, `状态:${stateNames[campaign.state]}。`),
    h(
      'section',
      { class: 'card year-end', id: 'scoring' },
      h('h3', {}, '1. 计算评分'),
      h('p', { class: 'note' }, scoreHint(campaign)),
      scoreButton,
      runBox,
    ),
    h(
      'section',
      { class: 'card year-end', id: 'workbook' },
      h('h3', {}, '2. 年度工作簿'),
      h('p', { class: 'note' }, '按最近一次评分生成:汇总表及各区县排名、星级、得分区间、回收率。'),
      h(
        'a',
        {
          href: `/api/v1/workbook/${year}.xlsx`,
          id: 'workbook-link',
          class: 'button',
          download: '',
        },
        '下载年度工作簿(XLSX)',
      ),
    ),
    h(
      'section',
      { class: 'card year-end', id: 'publishing' },
      h('h3', {}, '3. 发布'),
      h('p', { class: 'note' }, publishHint(campaign)),
      evaluator && campaign.state !== 'published' && publishButton,
      publishBox,
      campaign.state === 'published' && publicLink(year),
    ),
  );

  /** Runs the year's scoring and shows what it made. */
  async function score(): Promise<void> {
    scoreButton.disabled = true;
    runBox.replaceChildren(h('p', {}, '正在计算……'));
    try {
      const run = await api<ScoringRun>('POST', `/scoring/${year}`, {});
      runBox.replaceChildren(
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, '评分编号'),
          h('dd', { 'data-key': 'runId' }, run.runId),
          h('dt', {}, '社区/村'),
          h('dd', { 'data-key': 'communities' }, run.communities),
          h('dt', {}, '街道/乡镇'),
          h('dd', { 'data-key': 'streets' }, run.streets),
          h('dt', {}, '计算时间'),
          h('dd', { 'data-key': 'createdAt' }, formatTime(run.createdAt)),
        ),
      );
      context.notify(`已完成 ${year} 年度评分(第 ${run.runId} 次)。`);
    } catch (failure) {
      runBox.replaceChildren(h('p', { class: 'error', role: 'alert' }, (failure as Error).message));
    } finally {
      scoreButton.disabled = !canScore;
    }
  }

  /** Publishes the finalized year and links its public site. */
  async function publish(): Promise<void> {
    publishButton.disabled = true;
    publishBox.replaceChildren(h('p', {}, '正在生成公开网站……'));
    try {
      const result = await api<PublishResult>('POST', `/campaigns/${year}/publish`);
      await context.reloadCampaigns();
      container.replaceChildren();
      await yearEndView(container, context);
      context.notify(
        `已发布 ${result.year} 年度测评结果:公开 ${result.units} 个单位,${result.suppressed} 个因样本不足未公开。`,
      );
    } catch (failure) {
      publishBox.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, (failure as Error).message),
      );
      publishButton.disabled = !canPublish;
    }
  }
}

/** What the scoring step needs, by state. */
function scoreHint(campaign: Campaign): string {
  if (campaign.state === 'draft') return '草稿年度尚无答卷,开放并结束答卷后再计算。';
  if (campaign.state === 'open') return '答卷仍在进行;可先试算,建议结束答卷后再正式计算。';
  if (campaign.state === 'closed')
    return '按当前有效答卷(排除质量存疑的答卷)计算得分、星级与名次。';
  if (campaign.state === 'published') return '本年度已发布,评分已冻结。';
  return '本年度已定稿,评分已冻结;如需重新计算,请在「测评管理」撤销定稿。';
}

/** What the publishing step needs, by state. */
function publishHint(campaign: Campaign): string {
  if (campaign.state === 'finalized')
    return '发布会生成公开结果网站(样本少于 10 份的单位不公开,不含任何原始答卷)。';
  if (campaign.state === 'published') return '本年度已发布。';
  return '须先计算评分,并在「测评管理」将本年度定稿,才能发布。';
}

/** The link to a published year's public site. */
function publicLink(year: number): HTMLParagraphElement {
  return h(
    'p',
    { id: 'public-link' },
    '公开网站:',
    h('a', { href: `/public/${year}/`, target: '_blank', rel: 'noopener' }, `/public/${year}/`),
  );
}
