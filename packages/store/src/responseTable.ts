import { compileInstrument } from '@manyi/domain/answers';
import { offeredValues, type Instrument, type SurveyQuestion } from '@manyi/domain/instrument';

/**
 * The wide responses table of PRODUCT.md, one row per response: these columns, then one per
 * question of the instrument. Paper questionnaires are entered this way.
 */
export const responseFixedColumns = [
  'response_id',
  'campaign_year',
  'instrument',
  'community_code',
  'grid_code',
  'submitted_at',
] as const;

/** A question column of the wide table, and how its cells read. */
export interface QuestionColumn {
  name: string;
  question: SurveyQuestion;
  offered: unknown[] | null;
}

/**
 * The question columns of an instrument in its order: every answerable question, and after a
 * question offering 其他 (other) its `name-Comment` column for the text written there.
 */
export function questionColumns(instrument: Instrument): QuestionColumn[] {
  const columns: QuestionColumn[] = [];
  for (const question of compileInstrument(instrument).questions.values()) {
    columns.push({ name: question.name, question, offered: offeredValues(question) });
    if (question.showOtherItem || question.hasOther)
      columns.push({
        name: `${question.name}-Comment`,
        question: { name: `${question.name}-Comment`, type: 'comment' },
        offered: null,
      });
  }
  return columns;
}

/**
 * An answer as read from a cell, typed by its question, or undefined for an empty cell: numbers
 * for ratings, numeric choices and number questions; choices such as `na` as written; a checkbox
 * as `a;b`; a boolean as true/false/是/否. A cell that fits no choice is kept as written, so the
 * server check (`compileInstrument(...).validate`) names the problem.
 *
 * @example answerOfCell(ratingColumn, ' 4 ') // → 4
 */
export function answerOfCell(column: QuestionColumn, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const { question, offered } = column;
  switch (question.type) {
    case 'rating':
    case 'radiogroup':
    case 'dropdown':
      return choiceOf(trimmed, offered ?? []);
    case 'checkbox': {
      const choices = trimmed
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      return choices.length ? choices.map((s) => choiceOf(s, offered ?? [])) : undefined;
    }
    case 'boolean':
      return booleanOf(trimmed, question);
    case 'text':
      return question.inputType === 'number' && isNumberText(trimmed) ? Number(trimmed) : text;
    default:
      return text;
  }
}

/**
 * A stored answer as a cell: lists joined with `;`, booleans as true/false, the rest as text.
 *
 * @example cellOfAnswer(['环境', '治安']) // → '环境;治安'
 */
export function cellOfAnswer(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cellOfAnswer).join(';');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Beijing time has had no daylight saving since 1991: a fixed offset. */
const shanghaiOffsetMs = 8 * 3600_000;

/**
 * A `submitted_at` cell as an instant: an ISO date or date-time (`2026-11-20`, `2026-11-20 09:30`,
 * `2026-11-20T09:30:00+08:00`; also Excel's `2026/11/20 9:30`), read in Asia/Shanghai unless it
 * carries an offset. Undefined for anything else, including dates that do not exist.
 */
export function instantOfCell(text: string): Date | undefined {
  const m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map((v) => Number(v ?? 0)) as number[];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== month! - 1 ||
    check.getUTCDate() !== day! ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  )
    return undefined;
  return new Date(wall - offsetMs(m[8]));
}

/**
 * An instant as a `submitted_at` cell in Beijing time, to the millisecond when it has them.
 *
 * @example cellOfInstant(new Date('2026-11-20T01:30:00Z')) // → '2026-11-20T09:30:00+08:00'
 */
export function cellOfInstant(date: Date): string {
  const wall = new Date(date.getTime() + shanghaiOffsetMs).toISOString().replace('.000Z', 'Z');
  return wall.replace('Z', '+08:00');
}

/** The offset of a time-zone suffix in ms; none means Asia/Shanghai. */
function offsetMs(zone: string | undefined): number {
  if (!zone) return shanghaiOffsetMs;
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** The offered value a cell names: by its text, else by numeric value; else the cell itself (a number if it is one). */
function choiceOf(text: string, offered: readonly unknown[]): unknown {
  const exact = offered.find((v) => String(v) === text);
  if (exact !== undefined) return exact;
  if (!isNumberText(text)) return text;
  const n = Number(text);
  return offered.find((v) => v === n) ?? n;
}

/** A boolean cell as the question's true or false value. */
function booleanOf(text: string, question: SurveyQuestion): unknown {
  const yes = question.valueTrue ?? true;
  const no = question.valueFalse ?? false;
  const lower = text.toLowerCase();
  if (lower === 'true' || text === '是' || text === String(yes)) return yes;
  if (lower === 'false' || text === '否' || text === String(no)) return no;
  return text;
}

/** A plain decimal number (no hex, no `Infinity`, no thousands separators). */
function isNumberText(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text);
}
