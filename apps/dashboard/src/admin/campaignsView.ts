import { isReopen, stateNames, transitions } from './lifecycleRules.ts';
import type { AdminContext } from './AdminContext.ts';
import { api, type Campaign, type CampaignState, type PublishResult } from './adminApi.ts';
import { formatTime, h } from './dom.ts';

/** The button text of a transition. */
function actionLabel(from: CampaignState, to: CampaignState): string {
  if (isReopen(from, to)) return '撤销定稿';
  return {
    draft: '',
    open: from === 'closed' ? '重新开放' : '开放答卷',
    closed: '结束答卷',
    finalized: '定稿',
    published: '发布',
  }[to];
}

/**
 * 测评管理: every year with its state, a button for each transition the lifecycle allows (each
 * confirmed; reopening a finalized year needs a reason), and a form to create a draft year.
 */
export async function campaignsView(container: HTMLElement, context: AdminContext): Promise<void> {
  const evaluator = context.user.role === 'evaluator' && context.user.scope === null;
  const confirmBox = h('div', { class: 'card confirm', hidden: true });
  const table = h(
    'table',
    { class: 'admin-table', id: 'campaign-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, '年度'),
        h('th', {}, '名称'),
        h('th', {}, '状态'),
        evaluator && h('th', {}, '操作'),
      ),
    ),
    h('tbody', {}, ...context.campaigns.map(row)),
  );
  container.append(
    h('h2', {}, '测评管理 ', h('span', { class: 'en' }, 'Campaigns')),
    context.campaigns.length
      ? h('div', { class: 'table-scroll' }, table)
      : h('p', {}, '还没有测评年度。'),
    confirmBox,
    evaluator
      ? createForm(context)
      : h('p', { class: 'note' }, '只有全市范围的考评办账号可以修改测评。'),
  );

  /** One year's row: its state and the allowed transitions. */
  function row(campaign: Campaign): HTMLTableRowElement {
    return h(
      'tr',
      { 'data-year': campaign.year },
      h('td', {}, campaign.year),
      h(
        'td',
        { class: 'title' },
        campaign.title,
        h('br'),
        h(
          'small',
          {},
          `答卷时间 ${formatTime(campaign.opensAt)} 至 ${formatTime(campaign.closesAt)}`,
        ),
      ),
      h(
        'td',
        {},
        h('span', { class: `state state-${campaign.state}` }, stateNames[campaign.state]),
      ),
      evaluator &&
        h(
          'td',
          {},
          h(
            'div',
            { class: 'actions' },
            ...transitions[campaign.state].map((to) =>
              h(
                'button',
                { type: 'button', 'data-to': to, onclick: () => confirm(campaign, to) },
                actionLabel(campaign.state, to),
              ),
            ),
          ),
        ),
    );
  }

  /** Asks before a change of state, with a reason field (required to reopen a finalized year). */
  function confirm(campaign: Campaign, to: CampaignState): void {
    const reasonRequired = isReopen(campaign.state, to);
    const reason = h('input', {
      name: 'reason',
      maxlength: 500,
      required: reasonRequired,
      placeholder: reasonRequired ? '必填:为何撤销定稿' : '可选',
    });
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const form = h(
      'form',
      { class: 'confirm-form', novalidate: true },
      h(
        'p',
        {},
        `将 ${campaign.year} 年度测评由「${stateNames[campaign.state]}」改为「${stateNames[to]}」?`,
      ),
      reasonRequired &&
        h('p', { class: 'note' }, '撤销定稿会解除冻结,允许重新计分;此操作会记入日志。'),
      h('label', {}, `理由${reasonRequired ? '' : '(可选)'} `, reason),
      error,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary' }, '确认'),
        h('button', { type: 'button', onclick: () => (confirmBox.hidden = true) }, '取消'),
      ),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = reason.value.trim();
      if (reasonRequired && !text) {
        error.textContent = '请填写理由';
        error.hidden = false;
        return;
      }
      try {
        // publishing writes the public site as well: its own endpoint, never a bare transition
        const changed =
          to === 'published'
            ? await api<PublishResult>('POST', `/campaigns/${campaign.year}/publish`)
            : await api<Campaign>('POST', `/campaigns/${campaign.year}/transition`, {
                to,
                ...(text ? { reason: text } : {}),
              });
        await redraw(`${changed.year} 年度测评已改为「${stateNames[changed.state]}」。`);
      } catch (failure) {
        error.textContent = (failure as Error).message;
        error.hidden = false;
      }
    });
    confirmBox.replaceChildren(form);
    confirmBox.hidden = false;
    reason.focus();
  }

  /** Reloads the years and draws the page again, with a message. */
  async function redraw(message: string): Promise<void> {
    await context.reloadCampaigns();
    container.replaceChildren();
    await campaignsView(container, context);
    context.notify(message);
  }

  /** The form for a new draft year. */
  function createForm(ctx: AdminContext): HTMLFormElement {
    const next = Math.max(new Date().getFullYear(), ...ctx.campaigns.map((c) => c.year + 1));
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const form = h(
      'form',
      { class: 'card create', id: 'create-campaign', novalidate: true },
      h('h3', {}, '新建测评年度 ', h('span', { class: 'en' }, 'New year (draft)')),
      h(
        'label',
        {},
        '年度 ',
        h('input', {
          name: 'year',
          type: 'number',
          min: 2000,
          max: 2100,
          value: next,
          required: true,
        }),
      ),
      h(
        'label',
        {},
        '名称 ',
        h('input', {
          name: 'title',
          maxlength: 200,
          value: `${next} 年度社区满意度测评`,
          required: true,
        }),
      ),
      h('label', {}, '开始日期 ', h('input', { name: 'opensAt', type: 'date' })),
      h('label', {}, '结束日期 ', h('input', { name: 'closesAt', type: 'date' })),
      error,
      h('button', { type: 'submit', class: 'primary' }, '创建草稿'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const date = (name: string, time: string) =>
        data.get(name) ? `${String(data.get(name))}T${time}+08:00` : null;
      try {
        const created = await api<Campaign>('POST', '/campaigns', {
          year: Number(data.get('year')),
          title: String(data.get('title') ?? '').trim(),
          opensAt: date('opensAt', '00:00:00'),
          closesAt: date('closesAt', '23:59:59'),
        });
        await redraw(`已创建 ${created.year} 年度测评草稿。`);
      } catch (failure) {
        error.textContent = (failure as Error).message;
        error.hidden = false;
      }
    });
    return form;
  }
}
