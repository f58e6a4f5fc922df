import type { Model } from 'survey-core';
import { roleLabels, stateNames } from './lifecycleRules.ts';
import type { AdminContext } from './AdminContext.ts';
import { api, ApiError, chinese, type TwoWayForms, type TwoWaySubject } from './adminApi.ts';
import { h } from './dom.ts';
import { drawSurvey, showFieldErrors, staffSurvey } from './staffSurvey.ts';

/** What each side rates, for the page's lead text. */
const formNames = {
  street_to_community: '街道(乡镇)评价所辖社区(村)',
  community_to_street: '社区(村)评价所属街道(乡镇)',
} as const;

/**
 * 双向评价: for street and community staff, the units their own unit rates this year (a street
 * its communities, a community its street), each once. An unfilled one opens its form; a filled
 * one shows as done and offers no form. A form someone else of the unit sent meanwhile is
 * refused by the server (409), said so at the form, and the list shows it done.
 */
export async function twoWayView(container: HTMLElement, context: AdminContext): Promise<void> {
  const { year, user } = context;
  container.append(
    h('h2', {}, `${year} 年度双向评价 `, h('span', { class: 'en' }, 'Two-way evaluation')),
  );
  if (user.role !== 'street_staff' && user.role !== 'community_staff') {
    container.append(h('p', { class: 'note' }, '双向评价由街道和社区工作人员填写。'));
    return;
  }
  if (!context.campaigns.some((c) => c.year === year)) {
    container.append(h('p', {}, '目前还没有测评年度。'));
    return;
  }
  let forms = await api<TwoWayForms>('GET', `/two-way/${year}`);
  const open = forms.state === 'open';
  const progress = h('p', { class: 'two-way-progress', id: 'two-way-progress' });
  const list = h('ul', { class: 'two-way-list', id: 'two-way-list' });
  const formBox = h('section', { class: 'card two-way-form', id: 'two-way-form', hidden: true });

  container.append(
    h(
      'p',
      { class: 'note' },
      `${roleLabels[user.role]} · ${forms.rater.name}:${formNames[forms.instrument]},每个单位每年填报一次,提交后不能修改。`,
      open ? '' : `本年度测评${stateNames[forms.state]},不在填报期内。`,
    ),
    progress,
    list,
    formBox,
  );
  drawList();

  /** The units with their state, and a button for each one still to rate. */
  function drawList(): void {
    const done = forms.subjects.filter((s) => s.filled).length;
    progress.textContent = `已填报 ${done} / ${forms.subjects.length}`;
    list.replaceChildren(...forms.subjects.map(item));
  }

  /** One unit of the list. */
  function item(subject: TwoWaySubject): HTMLLIElement {
    return h(
      'li',
      { 'data-code': subject.code, 'data-filled': String(subject.filled) },
      h('span', { class: 'unit' }, subject.name),
      h(
        'span',
        { class: subject.filled ? 'state state-open' : 'state' },
        subject.filled ? '已填报' : '未填报',
      ),
      !subject.filled && open
        ? h('button', { type: 'button', onclick: () => openForm(subject) }, '填写评价')
        : '',
    );
  }

  /** The form about one unit, under the list. */
  function openForm(subject: TwoWaySubject): void {
    const model = staffSurvey(forms.survey);
    const error = h('div', { class: 'two-way-error', 'aria-live': 'polite' });
    const box = h('div', { class: 'two-way-survey' });
    // the server sends the answers on; SurveyJS only checks that required questions are answered
    model.onCompleting.add((_, options) => {
      options.allow = false;
      void submit(model, subject, error);
    });
    formBox.replaceChildren(
      h(
        'div',
        { class: 'two-way-form-head' },
        h('h3', { 'data-code': subject.code }, `${forms.rater.name} 评价 ${subject.name}`),
        h('button', { type: 'button', onclick: closeForm }, '关闭'),
      ),
      box,
      error,
    );
    formBox.hidden = false;
    drawSurvey(model, box);
    formBox.scrollIntoView({ block: 'start' });
  }

  /** Sends one form: done, refused at its questions (400), or already filled (409). */
  async function submit(model: Model, subject: TwoWaySubject, error: HTMLElement): Promise<void> {
    error.replaceChildren();
    try {
      await api('POST', `/two-way/${year}`, { subject: subject.code, answers: model.data });
      closeForm();
      await reload();
      context.notify(`已提交对 ${subject.name} 的评价。`);
    } catch (failure) {
      const refusal = failure as Error;
      if (refusal instanceof ApiError && refusal.status === 400 && refusal.fieldErrors.length) {
        const rest = showFieldErrors(model, refusal.fieldErrors);
        error.replaceChildren(alert(`未提交:有 ${refusal.fieldErrors.length} 处需要修改。`));
        if (rest.length) error.append(alert(rest.map((e) => chinese(e.message)).join(';')));
        return;
      }
      // filled meanwhile (a colleague of the same unit), as against a year no longer open
      const already = refusal instanceof ApiError && refusal.message.includes('填报过');
      error.replaceChildren(
        alert(
          already
            ? `本年度已对 ${subject.name} 填报过评价(可能是同单位的同事刚刚提交),每年只能填报一次,本份未提交。`
            : refusal.message,
        ),
      );
      if (refusal instanceof ApiError && refusal.status === 409) {
        model.mode = 'display';
        await reload();
      }
    }
  }

  /** Hides the form. */
  function closeForm(): void {
    formBox.hidden = true;
    formBox.replaceChildren();
  }

  /** Reads which units are filled again. */
  async function reload(): Promise<void> {
    forms = await api<TwoWayForms>('GET', `/two-way/${year}`);
    drawList();
  }
}

/** A refusal, read out. */
function alert(text: string): HTMLParagraphElement {
  return h('p', { class: 'error', role: 'alert' }, text);
}
