import { formatCount } from '@manyi/charts/chartStyle';
import { frozen } from './lifecycleRules.ts';
import { qualityFlagNames, qualityFlags } from '@manyi/scoring/qualitySettings';
import type { AdminContext } from './AdminContext.ts';
import { api, type QualityReviewPage, type QualitySummary } from './adminApi.ts';
import { formatTime, h } from './dom.ts';

/** Chinese names of the statuses a reviewed response may have. */
const statusNames = {
  valid: '有效',
  flagged: '待审核',
  excluded: '已排除',
  reinstated: '已恢复',
} as const;
type Status = keyof typeof statusNames;

/** Responses listed per page. */
const pageSize = 50;

/**
 * 数据质量: the year's counts by flag and status, the flagged or decided responses (filtered by
 * flag, status, community), and for evaluators: exclude or reinstate with a reason, and run the
 * checks again.
 */
export async function qualityView(container: HTMLElement, context: AdminContext): Promise<void> {
  const { year } = context;
  const campaign = context.campaigns.find((c) => c.year === year);
  if (!campaign) {
    container.append(h('p', {}, '请先新建测评年度。'));
    return;
  }
  const editable = context.user.role === 'evaluator' && !frozen(campaign.state);
  const summaryBox = h('div', { class: 'summary', id: 'quality-summary' });
  const listBox = h('div', { class: 'table-scroll' });
  const pager = h('div', { class: 'pager' });
  const filters = h(
    'form',
    { class: 'filters', id: 'quality-filters' },
    h(
      'label',
      {},
      '标记 ',
      select('flag', [['', '全部'], ...qualityFlags.map((f) => [f, qualityFlagNames[f]] as const)]),
    ),
    h(
      'label',
      {},
      '状态 ',
      select('status', [
        ['', '全部'],
        ['flagged', '待审核'],
        ['excluded', '已排除'],
        ['reinstated', '已恢复'],
      ]),
    ),
    h('label', {}, '社区 ', select('community', [['', '全部']])),
  );
  let offset = 0;
  filters.addEventListener('change', () => {
    offset = 0;
    void loadList();
  });

  const rerun = h(
    'button',
    { type: 'button', id: 'rerun-flags', disabled: !editable },
    '重新运行质量检查',
  );
  rerun.addEventListener('click', async () => {
    rerun.disabled = true;
    try {
      const run = await api<{ checked: number; flagged: number }>('POST', `/quality/${year}/flag`);
      context.notify(
        `质量检查完成:检查 ${formatCount(run.checked)} 份,标记 ${formatCount(run.flagged)} 份。`,
      );
      await Promise.all([loadSummary(), loadList()]);
    } catch (failure) {
      context.notify((failure as Error).message, 'error');
    } finally {
      rerun.disabled = !editable;
    }
  });

  container.append(
    h('h2', {}, `${year} 年度数据质量 `, h('span', { class: 'en' }, 'Data quality')),
    h(
      'p',
      { class: 'note' },
      '被标记的答卷默认不计入评分;排除或恢复须说明理由,每次决定都记入日志,答卷不会被删除。',
      frozen(campaign.state) ? '本年度已定稿,不能再修改。' : '',
    ),
    summaryBox,
    editable ? rerun : '',
    h('h3', {}, '被标记或已处理的答卷'),
    filters,
    listBox,
    pager,
  );
  await Promise.all([loadSummary(), loadList()]);

  /** The counts, and the community filter's options. */
  async function loadSummary(): Promise<void> {
    const summary = await api<QualitySummary>('GET', `/quality/${year}/summary`);
    const figure = (label: string, value: number, key: string) =>
      h(
        'div',
        { class: 'figure', 'data-key': key },
        h('span', { class: 'value' }, formatCount(value)),
        h('span', { class: 'label' }, label),
      );
    summaryBox.replaceChildren(
      h(
        'p',
        { class: 'run' },
        summary.run
          ? `最近一次检查:${formatTime(summary.run.at)}(${summary.run.by.username}),检查 ${formatCount(summary.run.checked)} 份。`
          : '尚未运行质量检查。',
        summary.unchecked
          ? ` ${formatCount(summary.unchecked)} 份答卷${summary.run ? '是此后收到的,' : ''}尚未检查。`
          : '',
      ),
      h(
        'div',
        { class: 'figures' },
        figure('答卷', summary.responses, 'responses'),
        figure('计入评分', summary.counted, 'counted'),
        ...qualityFlags.map((f) => figure(qualityFlagNames[f], summary.flags[f], f)),
        figure('待审核', summary.statuses.flagged, 'flagged'),
        figure('已排除', summary.statuses.excluded, 'excluded'),
        figure('已恢复', summary.statuses.reinstated, 'reinstated'),
      ),
    );
    const communitySelect = filters.elements.namedItem('community') as HTMLSelectElement;
    const chosen = communitySelect.value;
    communitySelect.replaceChildren(
      new Option('全部', ''),
      ...summary.communities
        .filter((c) => c.responses - c.statuses.valid > 0)
        .map(
          (c) =>
            new Option(
              `${c.street?.name ?? ''} ${c.name ?? c.code}`.trim(),
              c.code,
              false,
              c.code === chosen,
            ),
        ),
    );
  }

  /** The page of responses the filters choose. */
  async function loadList(): Promise<void> {
    const data = new FormData(filters);
    const query = new URLSearchParams({ limit: String(pageSize), offset: String(offset) });
    for (const key of ['flag', 'status', 'community']) {
      const value = String(data.get(key) ?? '');
      if (value) query.set(key, value);
    }
    const page = await api<QualityReviewPage>('GET', `/quality/${year}?${query}`);
    listBox.replaceChildren(
      page.responses.length ? reviewTable(page) : h('p', { class: 'note' }, '没有符合条件的答卷。'),
    );
    pager.replaceChildren(
      h(
        'span',
        {},
        `共 ${formatCount(page.total)} 份,第 ${page.total ? offset + 1 : 0}–${offset + page.responses.length} 份 `,
      ),
      offset > 0 ? pageButton('上一页', offset - pageSize) : '',
      offset + pageSize < page.total ? pageButton('下一页', offset + pageSize) : '',
    );
  }

  /** A button to another page of the list. */
  function pageButton(label: string, to: number): HTMLButtonElement {
    return h(
      'button',
      { type: 'button', onclick: () => ((offset = Math.max(0, to)), void loadList()) },
      label,
    );
  }

  /** The responses, one row each, with the decision form under a row when opened. */
  function reviewTable(page: QualityReviewPage): HTMLTableElement {
    const body = h('tbody');
    for (const response of page.responses) {
      const row = h(
        'tr',
        { 'data-id': response.id, 'data-status': response.status },
        h(
          'td',
          {},
          response.community.name ?? response.community.code,
          h('br'),
          h('small', {}, response.street?.name ?? ''),
        ),
        h(
          'td',
          {},
          formatTime(response.submittedAt),
          h('br'),
          h(
            'small',
            {},
            response.durationSeconds === null
              ? '未计时'
              : `用时 ${Math.round(response.durationSeconds)} 秒`,
          ),
        ),
        h('td', {}, response.flags.map((f) => qualityFlagNames[f.flag]).join('、') || '—'),
        h(
          'td',
          { class: 'status-cell' },
          h('span', { class: `state status-${response.status}` }, statusNames[response.status]),
          response.decisions[0]
            ? h(
                'small',
                { class: 'reason' },
                `理由:${response.decisions[0].reason}(${response.decisions[0].actor.username})`,
              )
            : '',
        ),
        h(
          'td',
          {},
          h(
            'div',
            { class: 'actions' },
            ...(editable ? decideButtons(response.id, response.status) : []),
          ),
        ),
      );
      body.append(row);
    }
    return h(
      'table',
      { class: 'admin-table review', id: 'review-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, '社区'),
          h('th', {}, '提交'),
          h('th', {}, '标记'),
          h('th', {}, '状态'),
          h('th', {}, '操作'),
        ),
      ),
      body,
    );
  }

  /**
   * The decisions a response's status allows: a flagged one may be excluded or reinstated, an
   * excluded one reinstated, a reinstated (or valid) one excluded. Each opens the reason form.
   */
  function decideButtons(id: string, status: Status): HTMLButtonElement[] {
    const actions: ('exclude' | 'reinstate')[] =
      status === 'flagged'
        ? ['exclude', 'reinstate']
        : status === 'excluded'
          ? ['reinstate']
          : ['exclude'];
    return actions.map((action) => {
      const button = h(
        'button',
        { type: 'button', 'data-action': action },
        action === 'exclude' ? '排除' : '恢复',
      );
      button.addEventListener('click', () => {
        const row = button.closest('tr')!;
        row.nextElementSibling?.classList.contains('decision-row') &&
          row.nextElementSibling.remove();
        row.after(decisionRow(id, action, row.children.length));
      });
      return button;
    });
  }

  /** The reason form for one decision. */
  function decisionRow(
    id: string,
    action: 'exclude' | 'reinstate',
    span: number,
  ): HTMLTableRowElement {
    const reason = h('input', {
      name: 'reason',
      required: true,
      maxlength: 500,
      placeholder: '必填',
      'aria-label': '理由',
    });
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const form = h(
      'form',
      { class: 'decision-form', novalidate: true },
      h('label', {}, `${action === 'exclude' ? '排除' : '恢复'}理由 `, reason),
      h(
        'button',
        { type: 'submit', class: 'primary' },
        action === 'exclude' ? '确认排除' : '确认恢复',
      ),
      h('button', { type: 'button', onclick: () => row.remove() }, '取消'),
      error,
    );
    const row = h('tr', { class: 'decision-row' }, h('td', { colspan: span }, form));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = reason.value.trim();
      if (!text) {
        error.textContent = '请填写理由';
        error.hidden = false;
        return;
      }
      try {
        await api('POST', `/quality/${year}/responses/${encodeURIComponent(id)}/decision`, {
          action,
          reason: text,
        });
        context.notify(
          action === 'exclude' ? '已排除该答卷,不再计入评分。' : '已恢复该答卷,重新计入评分。',
        );
        await Promise.all([loadSummary(), loadList()]);
      } catch (failure) {
        error.textContent = (failure as Error).message;
        error.hidden = false;
      }
    });
    queueMicrotask(() => reason.focus());
    return row;
  }
}

/** A filter's select with its options. */
function select(name: string, options: readonly (readonly [string, string])[]): HTMLSelectElement {
  return h('select', { name }, ...options.map(([value, label]) => new Option(label, value)));
}
