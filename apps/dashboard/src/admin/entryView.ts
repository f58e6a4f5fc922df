import type { Model, Question, QuestionRatingModel, QuestionSelectBase } from 'survey-core';
import { formatCount } from '@manyi/charts/chartStyle';
import { stateNames } from './lifecycleRules.ts';
import type { AdminContext } from './AdminContext.ts';
import {
  api,
  ApiError,
  chinese,
  type Distribution,
  type EntryForm,
  type StoredEntry,
} from './adminApi.ts';
import { h } from './dom.ts';
import { drawSurvey, showFieldErrors, staffSurvey } from './staffSurvey.ts';

/** The community last typed for, kept across tabs so that a pile of sheets stays on its community. */
let lastCommunity = '';

/** What a paper id may be (the API's `paperEntrySchema`): letters, digits, - and _. */
const paperIdPattern = /^[A-Za-z0-9_-]{1,48}$/;

/**
 * 录入纸质问卷: an evaluator picks a community of their region and types one paper sheet at a
 * time into the year's resident form in entry mode (all questions on one page, digit keys pick
 * a choice and move on), with the number printed on the sheet. The server checks the answers as
 * it checks a resident's, and its refusals appear at their questions; a sheet entered before is
 * refused (409). After a save the form clears for the next sheet, on the same community.
 */
export async function entryView(container: HTMLElement, context: AdminContext): Promise<void> {
  const { year } = context;
  const campaign = context.campaigns.find((c) => c.year === year);
  container.append(
    h('h2', {}, `${year} 年度纸质问卷录入 `, h('span', { class: 'en' }, 'Paper entry')),
  );
  if (!campaign) {
    container.append(h('p', {}, '请先新建测评年度。'));
    return;
  }
  if (context.user.role !== 'evaluator') {
    container.append(h('p', { class: 'note' }, '只有考评办账号可以录入纸质问卷。'));
    return;
  }
  if (campaign.state !== 'open' && campaign.state !== 'closed') {
    container.append(
      h(
        'p',
        { class: 'note', id: 'entry-closed' },
        `本年度状态为「${stateNames[campaign.state]}」,不能录入。只有进行中或已结束的年度可以录入纸质问卷。`,
      ),
    );
    return;
  }

  const units = await api<Distribution>('GET', `/distribution/${year}`);
  if (!units.communities.length) {
    container.append(h('p', { class: 'note' }, '您的账号范围内没有社区/村。'));
    return;
  }
  const communitySelect = communityPicker(units);
  const entered = h('p', { class: 'entered', id: 'entered', 'aria-live': 'polite' });
  const paperId = h('input', {
    name: 'paperId',
    id: 'paper-id',
    required: true,
    maxlength: 48,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: '印在问卷上的编号',
    'aria-describedby': 'paper-id-error',
  });
  const paperIdError = h('p', {
    class: 'error',
    id: 'paper-id-error',
    role: 'alert',
    hidden: true,
  });
  const surveyBox = h('div', { class: 'entry-survey', id: 'entry-survey' });
  const result = h('div', { class: 'entry-result', id: 'entry-result', 'aria-live': 'polite' });
  const saveButton = h(
    'button',
    { type: 'button', class: 'primary', id: 'save-entry' },
    '保存本份',
  );
  const clearButton = h('button', { type: 'button', id: 'clear-entry' }, '清空重填');

  container.append(
    h(
      'p',
      { class: 'note' },
      `状态:${stateNames[campaign.state]}。逐份录入居民交回的纸质问卷:先选社区/村,填写问卷上印的编号,再按纸面勾选;同一编号只能录入一次。`,
    ),
    h(
      'p',
      { class: 'note keys' },
      '快捷键:在题目上按数字键 1–9 选第几项并跳到下一题;在编号框按回车跳到第一题;Ctrl+回车 保存。',
    ),
    h(
      'section',
      { class: 'card entry-head' },
      h('label', { class: 'field' }, '社区/村 ', communitySelect),
      h('label', { class: 'field' }, '问卷编号 ', paperId),
      paperIdError,
      entered,
    ),
    surveyBox,
    result,
    h('div', { class: 'buttons entry-buttons' }, saveButton, clearButton),
  );

  let form: EntryForm;
  let survey: Model;
  await load();

  communitySelect.addEventListener('change', () =>
    load().catch((failure: Error) => context.notify(failure.message, 'error')),
  );
  saveButton.addEventListener('click', () => void save());
  clearButton.addEventListener('click', () => {
    survey.clear(true, true);
    result.replaceChildren();
    paperId.focus();
  });
  paperId.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.ctrlKey) return;
    event.preventDefault();
    focusQuestion(survey.getAllQuestions(true)[0]);
  });
  container.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else quickChoice(event);
  });

  /** The chosen community's form and count; a fresh sheet. */
  async function load(): Promise<void> {
    lastCommunity = communitySelect.value;
    result.replaceChildren();
    form = await api<EntryForm>(
      'GET',
      `/entries/${year}/form?community=${encodeURIComponent(communitySelect.value)}`,
    );
    // a sheet begun on the wrong community keeps its answers, all but the grid
    const { grid: _, ...begun } = (survey?.data ?? {}) as Record<string, unknown>;
    survey = staffSurvey(asEntrySheet(form.survey));
    survey.data = begun;
    survey.showNavigationButtons = false;
    // one set of rules, the server's: a sheet with a gap is refused at the question, as on import
    survey.validationEnabled = false;
    drawSurvey(survey, surveyBox);
    showCount();
  }

  /** Sends the sheet; on success clears the form for the next one. */
  async function save(): Promise<void> {
    const id = paperId.value.trim();
    result.replaceChildren();
    paperIdError.hidden = true;
    paperId.removeAttribute('aria-invalid');
    for (const question of survey.getAllQuestions()) question.errors = [];
    if (!paperIdPattern.test(id))
      return refusePaperId(id ? '编号只能由字母、数字、- 和 _ 组成(至多 48 位)' : '请填写问卷编号');
    saveButton.disabled = true;
    try {
      await api<StoredEntry>('POST', `/entries/${year}/responses`, {
        instrument: 'resident',
        community: form.community.code,
        answers: survey.data,
        paperId: id,
      });
      form.entered += 1;
      showCount();
      survey.clear(true, true);
      paperId.value = '';
      result.replaceChildren(
        h(
          'p',
          { class: 'imported', id: 'entry-saved' },
          `已保存问卷 ${id}(${form.community.name})。请录入下一份。`,
        ),
      );
      paperId.focus();
      window.scrollTo({ top: 0 });
    } catch (failure) {
      refused(failure as Error);
    } finally {
      saveButton.disabled = false;
    }
  }

  /** Shows why a sheet was not stored: at its questions (400), at the paper id (409), or below. */
  function refused(failure: Error): void {
    if (!(failure instanceof ApiError)) return fail(failure.message);
    // the same sheet entered before (a year no longer taking entries is a 409 as well)
    if (failure.status === 409 && failure.message.includes('已录入过'))
      return refusePaperId(`${failure.message}。请核对纸面上的编号。`);
    if (failure.status !== 400 || !failure.fieldErrors.length) return fail(failure.message);
    const own = failure.fieldErrors.filter((e) => e.field === 'paperId');
    const rest = showFieldErrors(
      survey,
      failure.fieldErrors.filter((e) => e.field !== 'paperId'),
    );
    if (own[0]) refusePaperId(chinese(own[0].message));
    const placed = failure.fieldErrors.length - own.length - rest.length;
    result.replaceChildren(
      h(
        'p',
        { class: 'error', role: 'alert', id: 'entry-refused' },
        `未保存:有 ${failure.fieldErrors.length} 处需要修改${placed ? ',已在题目下标出' : ''}。`,
      ),
      rest.length ? errorList(rest) : '',
    );
  }

  /** A refusal under the paper id, which takes the focus. */
  function refusePaperId(message: string): void {
    paperIdError.textContent = message;
    paperIdError.hidden = false;
    paperId.setAttribute('aria-invalid', 'true');
    paperId.focus();
  }

  /** A failure of another kind, under the form. */
  function fail(message: string): void {
    result.replaceChildren(h('p', { class: 'error', role: 'alert', id: 'entry-failed' }, message));
  }

  /** The count of sheets the community holds. */
  function showCount(): void {
    entered.textContent = `${form.community.streetName} ${form.community.name}:本年度已录入纸质问卷 ${formatCount(form.entered)} 份。`;
    entered.dataset.count = String(form.entered);
  }

  /** Puts the keyboard on a question's first input at once (SurveyJS's own focus() waits a tick). */
  function focusQuestion(question: Question | undefined): void {
    if (!question) return;
    const root = surveyBox.querySelector(`[data-name="${CSS.escape(question.name)}"]`);
    const input = root?.querySelector<HTMLElement>('input, textarea, select');
    if (input) input.focus();
    else question.focus();
  }

  /**
   * Digit n on a choice or rating question picks its n-th option (the order printed on the
   * sheet) and moves to the next question: a sheet is typed with one hand on the number keys.
   */
  function quickChoice(event: KeyboardEvent): void {
    if (!/^[1-9]$/.test(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('textarea, input[type=text], input:not([type]), select')) return;
    const name = target.closest<HTMLElement>('[data-name]')?.dataset.name;
    const question = name ? survey.getQuestionByName(name) : null;
    const options = question ? optionsOf(question) : [];
    const option = options[Number(event.key) - 1];
    if (!question || option === undefined) return;
    event.preventDefault();
    question.value = option;
    const questions = survey.getAllQuestions(true);
    focusQuestion(questions[questions.indexOf(question) + 1]);
  }
}

/** Refusals no question holds, each with its field. */
function errorList(errors: readonly { field: string; message: string }[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'row-errors' },
    ...errors.map((e) => h('li', { 'data-field': e.field }, `${e.field}:${chinese(e.message)}`)),
  );
}

/** The values a question offers in order: choices of a single choice, values of a rating. */
function optionsOf(question: Question): unknown[] {
  if (question.getType() === 'radiogroup' || question.getType() === 'dropdown')
    return (question as QuestionSelectBase).visibleChoices.map((c) => c.value);
  if (question.getType() === 'rating')
    return (question as QuestionRatingModel).visibleRateValues.map((r) => r.value);
  return [];
}

/**
 * The form in entry mode: single choices in a row (a sheet's boxes side by side), and a choice
 * list (the grid) as options to tick rather than a 选择… dropdown.
 */
function asEntrySheet(json: Record<string, unknown>): Record<string, unknown> {
  const form = structuredClone(json) as { pages?: { elements?: Record<string, unknown>[] }[] };
  for (const element of (form.pages ?? []).flatMap((p) => p.elements ?? [])) {
    if (element.type === 'dropdown') element.type = 'radiogroup';
    if (element.type === 'radiogroup') element.colCount = 0;
  }
  return form as Record<string, unknown>;
}

/** The community picker, by street, keeping the last choice. */
function communityPicker(units: Distribution): HTMLSelectElement {
  const streetName = new Map(units.streets.map((s) => [s.code, s.name]));
  const byStreet = new Map<string, typeof units.communities>();
  for (const c of units.communities)
    byStreet.set(c.parentCode ?? '', [...(byStreet.get(c.parentCode ?? '') ?? []), c]);
  const chosen = units.communities.some((c) => c.code === lastCommunity)
    ? lastCommunity
    : (units.communities[0]?.code ?? '');
  return h(
    'select',
    { name: 'community', id: 'entry-community' },
    ...[...byStreet].map(([street, communities]) =>
      h(
        'optgroup',
        { label: streetName.get(street) ?? street },
        ...communities.map((c) => new Option(c.name, c.code ?? '', false, c.code === chosen)),
      ),
    ),
  );
}
