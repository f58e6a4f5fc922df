import {
  displayOnlyTypes,
  offeredValues,
  surveyQuestions,
  type Instrument,
} from '@manyi/domain/instrument';
import type { ItemParameters } from './latentModel.ts';

/** How the generator answers one question of a form. */
export type PlannedQuestion =
  /** A rated item mapped to a dimension: drawn from the latent model. */
  | { kind: 'item'; name: string; required: boolean; item: ItemParameters; values: unknown[] }
  /** A rating that is not an item (the resident's overall rating): drawn from the mean propensity. */
  | { kind: 'rating'; name: string; required: boolean; values: unknown[] }
  /** Single choice (radiogroup, dropdown, boolean), a list of choices, or free text. */
  | { kind: 'choice' | 'checkbox'; name: string; required: boolean; values: unknown[] }
  | { kind: 'number'; name: string; required: boolean; min: number; max: number }
  | { kind: 'text'; name: string; required: boolean; maxLength: number };

/**
 * The questions of an instrument in page order, each with the way it is answered. Display-only
 * elements are left out, and so are conditional questions (`visibleIf`): the generator never
 * shows them, so it never answers them.
 */
export function answerPlan(
  instrument: Instrument,
  items: readonly ItemParameters[],
): PlannedQuestion[] {
  const itemOf = new Map(items.map((item) => [item.question, item]));
  const plan: PlannedQuestion[] = [];
  for (const q of surveyQuestions(instrument.survey)) {
    if (displayOnlyTypes.includes(q.type as never) || q.visibleIf) continue;
    const base = { name: q.name, required: q.isRequired === true };
    const item = itemOf.get(q.name);
    const values = offeredValues(q) ?? [];
    if (item) plan.push({ ...base, kind: 'item', item, values });
    else if (q.type === 'rating') plan.push({ ...base, kind: 'rating', values });
    else if (q.type === 'checkbox') plan.push({ ...base, kind: 'checkbox', values });
    else if (values.length) plan.push({ ...base, kind: 'choice', values });
    else if (q.type === 'text' && q.inputType === 'number')
      plan.push({ ...base, kind: 'number', min: q.min ?? 0, max: q.max ?? 100 });
    else plan.push({ ...base, kind: 'text', maxLength: q.maxLength ?? 500 });
  }
  return plan;
}
