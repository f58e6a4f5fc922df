import { createRequire } from 'node:module';
import type { ConditionRunner } from 'survey-core';
import {
  answerableTypes,
  displayOnlyTypes,
  maxScoredItems,
  offeredValues,
  surveyQuestions,
  wideQuestions,
  type Instrument,
  type SurveyQuestion,
} from './instrument.ts';
import { bilingual, type FieldError } from './messages.ts';

/** Longest free-text answer kept (characters), unless the question sets `maxLength`. */
export const defaultMaxTextLength = 2000;

/** Question names the server adds itself (the respondent's grid). */
export const reservedQuestionNames = ['grid'];

/** One answer in the long form scoring reads: numeric value where the answer is a number. */
export interface LongAnswer {
  question: string;
  value: number | null;
  text: string | null;
}

/** An instrument prepared for checking answers fast, many times. */
export interface CompiledInstrument {
  instrument: Instrument;
  questions: ReadonlyMap<string, SurveyQuestion>;
  /** Every problem with the answers, one per bad field; empty when they are acceptable. */
  validate(answers: unknown): FieldError[];
  /** The long rows of valid answers (call after `validate` found nothing). */
  extract(answers: Record<string, unknown>): LongAnswer[];
}

/**
 * Checks the instrument itself: every question of a type the server can check, every mapped
 * item bound to a question the form has, with a scale its question offers. Returns the problems.
 */
export function instrumentProblems(instrument: Instrument): string[] {
  const problems: string[] = [];
  const questions = new Map(surveyQuestions(instrument.survey).map((q) => [q.name, q]));
  const dimensions = new Set(instrument.dimensions.map((d) => d.code));
  for (const q of questions.values()) {
    if (reservedQuestionNames.includes(q.name))
      problems.push(
        bilingual(`题目名 ${q.name} 由系统保留`, `question name ${q.name} is reserved`),
      );
    if (![...answerableTypes, ...displayOnlyTypes].includes(q.type as never))
      problems.push(
        bilingual(
          `题目 ${q.name} 的类型 ${q.type} 不受支持`,
          `question ${q.name} has unsupported type ${q.type}`,
        ),
      );
    if (q.visibleIf !== undefined && typeof q.visibleIf !== 'string')
      problems.push(
        bilingual(`题目 ${q.name} 的显示条件无效`, `question ${q.name} has an invalid visibleIf`),
      );
  }
  const wide = wideQuestions(instrument).length;
  if (wide > maxScoredItems)
    problems.push(
      bilingual(
        `计分题目与客观数字共 ${wide} 道,最多 ${maxScoredItems} 道`,
        `the instrument has ${wide} scored items and figures; at most ${maxScoredItems} are allowed`,
      ),
    );
  for (const item of instrument.items) {
    const q = questions.get(item.question);
    if (!q) {
      problems.push(
        bilingual(
          `指标绑定的题目 ${item.question} 不在问卷中`,
          `item bound to question ${item.question}, which the form lacks`,
        ),
      );
      continue;
    }
    if (!dimensions.has(item.dimension))
      problems.push(
        bilingual(
          `题目 ${item.question} 的维度 ${item.dimension} 未定义`,
          `question ${item.question} names undefined dimension ${item.dimension}`,
        ),
      );
    const offered = offeredValues(q);
    if (offered) {
      const numeric = offered.filter((v): v is number => typeof v === 'number');
      if (!numeric.includes(item.min) || !numeric.includes(item.max) || item.max <= item.min)
        problems.push(
          bilingual(
            `题目 ${item.question} 的量表 ${item.min}–${item.max} 与选项不符`,
            `question ${item.question}: scale ${item.min}–${item.max} does not match its choices`,
          ),
        );
    }
  }
  return problems;
}

let surveyConditions: typeof ConditionRunner | undefined;

/**
 * SurveyJS's runner of a `visibleIf` expression. survey-core is loaded on the first one (its
 * CommonJS build: `require` loads synchronously), not with this module: it is 2.5 MB, ~0.1 s to
 * load, which every `manyi` command paid, `score` included, though only checking answers uses it.
 */
function conditionRunner(expression: string): ConditionRunner {
  surveyConditions ??= (
    createRequire(import.meta.url)('survey-core') as typeof import('survey-core')
  ).ConditionRunner;
  return new surveyConditions(expression);
}

/**
 * Prepares an instrument for answer checking. The server checks what SurveyJS's own client-side
 * validation lets through: unknown questions, out-of-range ratings, choices not offered, missing
 * required answers, wrong types.
 *
 * @example compileInstrument(resident).validate({ q1: 9 }) // → [{ field: 'q1', message: '…' }]
 */
export function compileInstrument(instrument: Instrument): CompiledInstrument {
  const list = surveyQuestions(instrument.survey).filter(
    (q) => !displayOnlyTypes.includes(q.type as never),
  );
  const questions = new Map(list.map((q) => [q.name, q]));
  // a Set per question: a submission's ~20 choice answers are each looked up, on every request
  const offered = new Map(
    list.map((q) => {
      const values = offeredValues(q);
      return [q.name, values && new Set(values)];
    }),
  );
  const conditions = new Map(
    list.filter((q) => q.visibleIf).map((q) => [q.name, conditionRunner(q.visibleIf!)]),
  );

  function validate(answers: unknown): FieldError[] {
    if (answers === null || typeof answers !== 'object' || Array.isArray(answers))
      return [
        { field: 'answers', message: bilingual('答案必须是一个对象', 'answers must be an object') },
      ];
    const given = answers as Record<string, unknown>;
    const errors: FieldError[] = [];
    for (const name of Object.keys(given)) {
      const q = questions.get(name) ?? otherCommentOf(name);
      if (!q)
        errors.push({
          field: name,
          message: bilingual('问卷中没有这道题', 'no such question in this survey'),
        });
    }
    for (const q of list) {
      const visible = conditions.get(q.name)?.runValues(given) ?? true;
      const value = given[q.name];
      if (isEmpty(value)) {
        if (q.isRequired && visible)
          errors.push({ field: q.name, message: bilingual('此题必答', 'an answer is required') });
        continue;
      }
      if (!visible) {
        errors.push({
          field: q.name,
          message: bilingual('此题未显示,不应作答', 'this question is hidden and takes no answer'),
        });
        continue;
      }
      const problem = checkValue(q, value, offered.get(q.name) ?? null);
      if (problem) errors.push({ field: q.name, message: problem });
    }
    return errors;
  }

  function extract(answers: Record<string, unknown>): LongAnswer[] {
    const rows: LongAnswer[] = [];
    for (const [question, value] of Object.entries(answers)) {
      if (isEmpty(value)) continue;
      if (typeof value === 'number') rows.push({ question, value, text: null });
      else if (typeof value === 'boolean')
        rows.push({ question, value: value ? 1 : 0, text: null });
      else if (typeof value === 'string') rows.push({ question, value: null, text: value });
      else rows.push({ question, value: null, text: JSON.stringify(value) });
    }
    return rows;
  }

  /** `q-Comment` carries the text of a question's 其他 (other) choice. */
  function otherCommentOf(name: string): SurveyQuestion | undefined {
    if (!name.endsWith('-Comment')) return undefined;
    const q = questions.get(name.slice(0, -'-Comment'.length));
    return q && (q.showOtherItem || q.hasOther) ? { name, type: 'comment' } : undefined;
  }

  return { instrument, questions, validate, extract };
}

/** An unanswered question: SurveyJS leaves it out, or sends an empty string or list. */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Why one answer does not fit its question, or null if it does. */
function checkValue(
  q: SurveyQuestion,
  value: unknown,
  offered: ReadonlySet<unknown> | null,
): string | null {
  switch (q.type) {
    case 'rating':
    case 'radiogroup':
    case 'dropdown':
    case 'boolean':
      if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')
        return bilingual('答案类型错误:应为单个选项', 'wrong type: expected a single choice');
      if (!offered!.has(value)) {
        return q.type === 'rating'
          ? bilingual(`评分 ${short(value)} 超出范围`, `rating ${short(value)} is out of range`)
          : notOffered(value);
      }
      return null;
    case 'checkbox': {
      if (!Array.isArray(value))
        return bilingual('答案类型错误:应为选项列表', 'wrong type: expected a list of choices');
      if (new Set(value).size !== value.length)
        return bilingual('选项重复', 'a choice is repeated');
      const bad = value.find((v) => !offered!.has(v));
      return bad === undefined ? null : notOffered(bad);
    }
    case 'text':
      if (q.inputType === 'number') {
        if (typeof value !== 'number' || !Number.isFinite(value))
          return bilingual('答案类型错误:应为数字', 'wrong type: expected a number');
        if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max))
          return bilingual(
            `数值 ${value} 超出范围 ${q.min ?? '−∞'}–${q.max ?? '∞'}`,
            `number ${value} is outside ${q.min ?? '−∞'}–${q.max ?? '∞'}`,
          );
        return null;
      }
      return checkText(q, value);
    case 'comment':
      return checkText(q, value);
    default:
      return bilingual(`题型 ${q.type} 不受支持`, `question type ${q.type} is not supported`);
  }
}

/** The message for an answer that is not one of the question's choices. */
function notOffered(value: unknown): string {
  return bilingual(
    `答案 ${short(value)} 不是本题的选项`,
    `answer ${short(value)} is not one of the choices offered`,
  );
}

/** Free text: a string no longer than the question allows. */
function checkText(q: SurveyQuestion, value: unknown): string | null {
  if (typeof value !== 'string')
    return bilingual('答案类型错误:应为文字', 'wrong type: expected text');
  const limit = q.maxLength && q.maxLength > 0 ? q.maxLength : defaultMaxTextLength;
  if ([...value].length > limit)
    return bilingual(`文字超过 ${limit} 字`, `text is longer than ${limit} characters`);
  // no keyboard types it, and PostgreSQL's text cannot hold it
  if (value.includes('\u0000'))
    return bilingual('文字含有空字符(U+0000)', 'text contains a NUL character (U+0000)');
  return null;
}

/** A value cut short for a message, so an error never echoes a huge input. */
function short(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    s = Array.isArray(value) ? '[…]' : '{…}'; // nested too deep to print: the stack runs out
  }
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
