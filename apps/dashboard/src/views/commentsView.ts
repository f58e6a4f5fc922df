import { formatCount } from '@manyi/charts/chartStyle';
import type { CommentThemes } from '@manyi/scoring/commentThemes';
import { filteredResults } from './filteredResults.ts';
import { heading, note } from './note.ts';
import { unitAnswer } from './unitAnswer.ts';
import { unitPicker } from './unitPicker.ts';
import type { DashboardView, UnitResult, ViewContext } from './ViewContext.ts';
import './profileViews.css';

/** `GET /api/v1/comments/:year?unit=CODE`. */
type CommentsAnswer = CommentThemes & { year: number; unit: string };

/** The unit last chosen, kept while the page is open. */
let chosen = '';

/**
 * 居民意见: what residents wrote (意见建议) about a community, or about all communities of a street
 * or district: the themes most comments mention, with how many and a few of the comments. A
 * group of fewer than 10 valid responses shows only that it is too small (the server sends no
 * word of it).
 */
export const commentsView: DashboardView = {
  id: 'comments',
  title: '居民意见',
  titleEn: 'What residents say',
  needsSignIn: true,
  async render(root, context) {
    if (context.user?.role === 'street_staff' || context.user?.role === 'community_staff') {
      root.append(note('居民意见仅对考评办和领导账号开放。'));
      return;
    }
    const found = await filteredResults(root, context);
    if (!found) return;
    const start =
      [chosen, context.filters.street, context.filters.district].find(
        (code) => code && pickable(found.rows, code),
      ) ?? found.rows[0]!.code;
    const body = document.createElement('div');
    body.className = 'comments-body';
    const picker = unitPicker(
      found.rows,
      start,
      '范围',
      (code) => {
        chosen = code;
        void drawComments(body, context, code, found.all);
      },
      { districts: true },
    );
    root.append(picker, body);
    await drawComments(body, context, start, found.all);
  },
};

/** Whether the picker offers `code`: a unit shown, or the district of one. */
function pickable(rows: readonly UnitResult[], code: string): boolean {
  return rows.some((r) => r.code === code || r.districtCode === code);
}

/** Fetches and draws one group's themes into `body`, unless another was asked for meanwhile. */
async function drawComments(
  body: HTMLElement,
  context: ViewContext,
  code: string,
  all: readonly UnitResult[],
): Promise<void> {
  const answer = await unitAnswer<CommentsAnswer>(
    body,
    context,
    code,
    `/comments/${context.year}?unit=${encodeURIComponent(code)}`,
  );
  if (!answer) return;
  const name =
    all.find((r) => r.code === code)?.name ??
    all.find((r) => r.districtCode === code)?.districtName ??
    code;
  body.replaceChildren(heading(`${context.year}年 ${name} 居民意见建议`));
  if (answer.suppressed) {
    const p = note(
      `${name}本年度有效答卷 ${formatCount(answer.n)} 份,少于 10 份:为保护答卷居民,不显示意见内容。 / Fewer than 10 responses: comments are not shown.`,
    );
    p.classList.add('suppressed-note');
    body.append(p);
  } else {
    const headline = document.createElement('p');
    headline.className = 'headline';
    headline.textContent =
      `${formatCount(answer.n)} 份有效答卷中 ${formatCount(answer.comments)} 份写了意见建议` +
      (answer.themes.length
        ? ',提及最多的主题如下(分词统计,每条意见每个主题只计一次)。'
        : ',尚无多人提及的主题。');
    body.append(headline);
    if (answer.themes.length) body.append(themeList(answer.themes, answer.comments));
  }
  body.removeAttribute('aria-busy');
}

/** The themes as a list: words, a bar of the comments mentioning them, the count, examples. */
function themeList(
  themes: Extract<CommentThemes, { suppressed: false }>['themes'],
  comments: number,
): HTMLOListElement {
  const list = document.createElement('ol');
  list.className = 'themes';
  const most = Math.max(...themes.map((t) => t.comments));
  for (const theme of themes) {
    const item = document.createElement('li');
    item.className = 'theme';
    const head = document.createElement('div');
    head.className = 'theme-head';
    const words = document.createElement('span');
    words.className = 'theme-words';
    words.textContent = theme.words.join(' · ');
    const track = document.createElement('span');
    const bar = document.createElement('span');
    bar.className = 'theme-bar';
    bar.style.display = 'block';
    bar.style.width = `${Math.max(2, (theme.comments / most) * 100)}%`;
    track.append(bar);
    const count = document.createElement('span');
    count.className = 'theme-count';
    count.textContent = `${formatCount(theme.comments)} 条`;
    count.title = `${theme.comments} / ${comments} 条意见提及`;
    head.append(words, track, count);
    const examples = document.createElement('ul');
    examples.className = 'theme-examples';
    for (const example of theme.examples) {
      const li = document.createElement('li');
      li.textContent = `「${example}」`;
      examples.append(li);
    }
    item.append(head, examples);
    list.append(item);
  }
  return list;
}
