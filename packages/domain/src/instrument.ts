import { z } from 'zod';

/** The three instruments of a campaign (DATA-MODEL.md). */
export const instrumentNames = ['resident', 'community_to_street', 'street_to_community'] as const;
export type InstrumentName = (typeof instrumentNames)[number];

/** Which unit an instrument's answers are about, and which unit (if any) gives them. */
export const instrumentRoles: Record<
  InstrumentName,
  { subject: 'community' | 'street'; rater: 'grid' | 'community' | 'street' }
> = {
  resident: { subject: 'community', rater: 'grid' },
  community_to_street: { subject: 'street', rater: 'community' },
  street_to_community: { subject: 'community', rater: 'street' },
};

const questionName = z.string().min(1).max(64);

/** A rated question mapped to a dimension: its answer x on [min, max] scores 100·(x−min)/(max−min). */
export const itemSchema = z.object({
  question: questionName,
  dimension: z.string().min(1),
  min: z.number(),
  max: z.number(),
  /** Answers that mean 不了解/不适用: stored, but missing for scoring. */
  notApplicable: z.array(z.union([z.string(), z.number()])).default([]),
});
export type Item = z.infer<typeof itemSchema>;

export const dimensionSchema = z.object({
  code: z.string().min(1).max(32),
  name: z.string().min(1),
  /** Default weight within the instrument; a framework may set its own. */
  weight: z.number().positive().default(1),
});
export type Dimension = z.infer<typeof dimensionSchema>;

/**
 * The most scored items (and figures) an instrument may have: each response keeps its items'
 * answers wide, one column per item, then one per figure (`response_items`, v1 … v64, see
 * `wideQuestions`), which is what a province's scoring reads.
 */
export const maxScoredItems = 64;

/** A SurveyJS JSON form with the mapping of its questions to dimensions. */
export const instrumentSchema = z.object({
  name: z.enum(instrumentNames),
  title: z.string().min(1),
  survey: z.record(z.string(), z.unknown()),
  dimensions: z.array(dimensionSchema).min(1),
  items: z.array(itemSchema).min(1),
  /** Objective figures asked in the form, e.g. { inspections: 'burden_inspections' }. */
  figures: z.record(z.string(), questionName).default({}),
});
export type Instrument = z.infer<typeof instrumentSchema>;

/** The question types the server knows how to check; any other type makes an instrument invalid. */
export const answerableTypes = [
  'rating',
  'radiogroup',
  'dropdown',
  'checkbox',
  'boolean',
  'text',
  'comment',
] as const;
export const displayOnlyTypes = ['html', 'image', 'expression'] as const;

/** A SurveyJS question as far as answer checking needs it. */
export interface SurveyQuestion {
  name: string;
  type: string;
  title?: unknown;
  isRequired?: boolean;
  visibleIf?: string;
  choices?: unknown[];
  rateValues?: unknown[];
  rateMin?: number;
  rateMax?: number;
  rateStep?: number;
  rateCount?: number;
  inputType?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  showOtherItem?: boolean;
  hasOther?: boolean;
  showNoneItem?: boolean;
  valueTrue?: unknown;
  valueFalse?: unknown;
}

/**
 * Every question of a SurveyJS form, in page order, flattening panels.
 *
 * @example surveyQuestions({ pages: [{ elements: [{ type: 'rating', name: 'q1' }] }] })
 */
export function surveyQuestions(survey: Record<string, unknown>): SurveyQuestion[] {
  const out: SurveyQuestion[] = [];
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as Record<string, unknown>[]) {
      if (el.type === 'panel') walk(el.elements);
      else if (typeof el.name === 'string' && typeof el.type === 'string')
        out.push(el as unknown as SurveyQuestion);
    }
  };
  walk(survey.elements);
  for (const page of (survey.pages as Record<string, unknown>[] | undefined) ?? [])
    walk(page.elements);
  return out;
}

/** The values a choice-like question offers, or null for free answers. */
export function offeredValues(q: SurveyQuestion): unknown[] | null {
  const values = (list: unknown[] | undefined) =>
    (list ?? []).map((c) =>
      c !== null && typeof c === 'object' && 'value' in c ? (c as { value: unknown }).value : c,
    );
  switch (q.type) {
    case 'rating': {
      if (q.rateValues?.length) return values(q.rateValues);
      const min = q.rateMin ?? 1;
      const step = q.rateStep ?? 1;
      const max = q.rateMax ?? (q.rateCount ? min + (q.rateCount - 1) * step : 5);
      const out: number[] = [];
      for (let v = min; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
      return out;
    }
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox': {
      const out = values(q.choices);
      if (q.showOtherItem || q.hasOther) out.push('other');
      if (q.showNoneItem) out.push('none');
      return out;
    }
    case 'boolean':
      return [q.valueTrue ?? true, q.valueFalse ?? false];
    default:
      return null;
  }
}

/**
 * The questions whose answers a response keeps wide, in the columns of `response_items` (v1 …):
 * the instrument's scored items in order, then the questions of its figures, by figure name.
 *
 * @example wideQuestions({ items: [{ question: 'q1' }], figures: { meetings: 'm', inspections: 'i' } }) // → ['q1', 'i', 'm']
 */
export function wideQuestions(instrument: {
  items: readonly { question: string }[];
  figures?: Record<string, string>;
}): string[] {
  const figures = instrument.figures ?? {};
  return [
    ...instrument.items.map((i) => i.question),
    ...figureNames(figures).map((n) => figures[n]!),
  ];
}

/** Where a figure's answer stands in `wideQuestions` (1-based), or undefined if not asked. */
export function figurePosition(
  instrument: Pick<Instrument, 'items' | 'figures'>,
  figure: string,
): number | undefined {
  const at = figureNames(instrument.figures).indexOf(figure);
  return at < 0 ? undefined : instrument.items.length + at + 1;
}

/** The names of an instrument's figures in the order `wideQuestions` keeps their answers. */
function figureNames(figures: Record<string, string>): string[] {
  return Object.keys(figures).sort();
}
