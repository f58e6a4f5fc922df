import { formatCount } from '@manyi/charts/chartStyle';
import { frozen, stateNames } from './lifecycleRules.ts';
import type { AdminContext } from './AdminContext.ts';
import { api, type Distribution, type ResponseRateRow } from './adminApi.ts';
import { formatRate, h } from './dom.ts';
import { importForm } from './importForm.ts';

/**
 * 回收率: for the chosen year, handed out (invitations + paper) against valid responses per
 * district, street and community; evaluators enter each community's paper count, and open its
 * QR poster.
 */
export async function ratesView(container: HTMLElement, context: AdminContext): Promise<void> {
  const { year } = context;
  const campaign = context.campaigns.find((c) => c.year === year);
  if (!campaign) {
    container.append(h('p', {}, '请先新建测评年度。'));
    return;
  }
  const editable = context.user.role === 'evaluator' && !frozen(campaign.state);
  let data = await api<Distribution>('GET', `/distribution/${year}`);
  const streetSelect = h('select', { name: 'street' });
  const districts = h('div', { class: 'table-scroll' });
  const streets = h('div', { class: 'table-scroll' });
  const communities = h('div', { class: 'table-scroll' });
  fillStreets();
  streetSelect.addEventListener('change', draw);

  container.append(
    h('h2', {}, `${year} 年度回收率 `, h('span', { class: 'en' }, 'Response rates')),
    h(
      'p',
      { class: 'note' },
      `状态:${stateNames[campaign.state]}。回收率 = 有效答卷 ÷(邀请码 + 纸质问卷发放数);超过 100% 的(标红)说明发放数未录全。`,
      frozen(campaign.state) ? '本年度已定稿,不能再修改发放数。' : '',
    ),
    ...(editable
      ? [
          importForm(year, async () => {
            data = await api<Distribution>('GET', `/distribution/${year}`);
            draw();
          }),
        ]
      : []),
    h('h3', {}, '区/县'),
    districts,
    h('h3', {}, '街道/乡镇'),
    streets,
    h('h3', {}, '社区/村 '),
    h('label', { class: 'filter' }, '街道 ', streetSelect),
    communities,
  );
  draw();

  /** The street picker, grouped by district, keeping the choice. */
  function fillStreets(): void {
    const chosen = streetSelect.value || data.streets[0]?.code || '';
    streetSelect.replaceChildren(
      ...data.districts.map((d) =>
        h(
          'optgroup',
          { label: d.name },
          ...data.streets
            .filter((s) => s.parentCode === d.code)
            .map((s) => new Option(s.name, s.code ?? '', false, s.code === chosen)),
        ),
      ),
    );
    // a street account sees no district row: its streets stand alone
    if (!data.districts.length)
      streetSelect.append(
        ...data.streets.map((s) => new Option(s.name, s.code ?? '', false, s.code === chosen)),
      );
  }

  /** The three tables for the chosen street. */
  function draw(): void {
    const street = data.streets.find((s) => s.code === streetSelect.value);
    districts.replaceChildren(
      rateTable([...(data.city ? [data.city] : []), ...data.districts], 'district'),
    );
    streets.replaceChildren(
      rateTable(
        data.streets.filter((s) => !street || s.parentCode === street.parentCode),
        'street',
      ),
    );
    communities.replaceChildren(
      rateTable(
        data.communities.filter((c) => c.parentCode === streetSelect.value),
        'community',
      ),
    );
  }

  /** One level's table; a community's row holds the paper count input and its poster links. */
  function rateTable(rows: ResponseRateRow[], level: string): HTMLTableElement {
    const community = level === 'community';
    return h(
      'table',
      { class: 'admin-table rates', 'data-level': level },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, '单位'),
          h('th', { class: 'num' }, '邀请码'),
          h('th', { class: 'num' }, '纸质发放'),
          h('th', { class: 'num' }, '有效答卷'),
          h('th', { class: 'num' }, '回收率'),
          community && h('th', {}, '海报'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            { 'data-code': row.code ?? 'city', class: row.code === null ? 'total' : null },
            h('td', { class: 'unit' }, row.name),
            h('td', { class: 'num', 'data-label': '邀请码' }, formatCount(row.invitations)),
            h(
              'td',
              { class: 'num paper', 'data-label': '纸质发放' },
              community && editable ? paperInput(row) : formatCount(row.paperHandedOut),
            ),
            h('td', { class: 'num', 'data-label': '有效答卷' }, formatCount(row.validResponses)),
            rateCell(row.responseRate),
            community &&
              h(
                'td',
                { class: 'posters', 'data-label': '海报' },
                posterLink(row.code!, 'png', 'PNG'),
                ' ',
                posterLink(row.code!, 'pdf', 'PDF'),
              ),
          ),
        ),
      ),
    );
  }

  /** A rate; one over 100% means more valid responses than were handed out: a count is missing. */
  function rateCell(rate: number | null): HTMLTableCellElement {
    const over = rate !== null && rate > 1;
    return h(
      'td',
      {
        class: over ? 'num rate over' : 'num rate',
        'data-label': '回收率',
        title: over ? '有效答卷多于发放数,请核对发放数' : null,
      },
      formatRate(rate),
    );
  }

  /** The paper count of a community, saved on 保存 (or Enter). */
  function paperInput(row: ResponseRateRow): HTMLFormElement {
    const input = h('input', {
      name: 'paperHandedOut',
      type: 'number',
      min: 0,
      max: 1_000_000,
      step: 1,
      inputmode: 'numeric',
      value: row.paperHandedOut,
      'aria-label': `${row.name} 纸质问卷发放数`,
    });
    const form = h('form', { class: 'paper-form' }, input, h('button', { type: 'submit' }, '保存'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const paperHandedOut = Number(input.value);
      if (!Number.isInteger(paperHandedOut) || paperHandedOut < 0) {
        context.notify('发放数应为 0 或正整数', 'error');
        return;
      }
      try {
        await api('PUT', `/distribution/${year}/${row.code}`, { paperHandedOut });
        data = await api<Distribution>('GET', `/distribution/${year}`);
        draw();
        context.notify(`已保存 ${row.name} 的纸质问卷发放数:${formatCount(paperHandedOut)} 份。`);
      } catch (failure) {
        context.notify((failure as Error).message, 'error');
      }
    });
    return form;
  }

  /** A link to the community's QR poster. */
  function posterLink(code: string, format: 'png' | 'pdf', label: string): HTMLAnchorElement {
    return h(
      'a',
      {
        href: `/api/v1/invitations/${year}/poster/${code}.${format}`,
        target: '_blank',
        rel: 'noopener',
      },
      label,
    );
  }
}
