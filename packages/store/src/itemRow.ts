import type { LongAnswer } from '@manyi/domain/answers';
import type { WideOrder } from './ItemOrders.ts';
import { itemColumns } from './responseItemColumns.ts';

/** A response's row of `response_items`: how many items it answered, and each wide answer's number. */
export interface ItemRow {
  answered: number;
  /** One per column (v1 … v64): the numeric answer to the question there, else null. */
  values: (number | null)[];
}

/**
 * The wide row of a response's long answers, given its instrument's wide questions (its items'
 * in order, then its figures'). A question bound twice fills both columns, as the long answers
 * join both. `answered` counts the items only.
 *
 * @example itemRow([{ question: 'q2', value: 4, text: null }], { questions: ['q1', 'q2'], items: 2 }) // → { answered: 1, values: [null, 4, null, …] }
 */
export function itemRow(long: readonly LongAnswer[], order: WideOrder): ItemRow {
  const values = new Array<number | null>(itemColumns.length).fill(null);
  let answered = 0;
  if (!order.questions.length) return { answered, values };
  const answer = new Map(long.map((a) => [a.question, a]));
  order.questions.forEach((question, i) => {
    const a = answer.get(question);
    if (!a) return;
    if (i < order.items) answered++;
    values[i] = a.value;
  });
  return { answered, values };
}
