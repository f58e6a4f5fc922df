import type { LongAnswer } from '@manyi/domain/answers';
import { itemColumns } from './responseItemColumns.ts';

/** A response's row of `response_items`: how many items it answered, and each item's number. */
export interface ItemRow {
  answered: number;
  /** One per item column (v1 … v64): the item's numeric answer, else null. */
  values: (number | null)[];
}

/**
 * The wide row of a response's long answers, given the questions of its instrument's items in
 * their order. A question bound by two items fills both columns, as the long answers join both.
 *
 * @example itemRow([{ question: 'q2', value: 4, text: null }], ['q1', 'q2']) // → { answered: 1, values: [null, 4, null, …] }
 */
export function itemRow(long: readonly LongAnswer[], questions: readonly string[]): ItemRow {
  const values = new Array<number | null>(itemColumns.length).fill(null);
  let answered = 0;
  if (!questions.length) return { answered, values };
  const answer = new Map(long.map((a) => [a.question, a]));
  questions.forEach((question, i) => {
    const a = answer.get(question);
    if (!a) return;
    answered++;
    values[i] = a.value;
  });
  return { answered, values };
}
