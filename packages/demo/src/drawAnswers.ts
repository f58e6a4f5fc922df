import type { PlannedQuestion } from './answerPlan.ts';
import { drawCategory, thresholdsFor } from './gradedResponse.ts';
import type { ItemParameters } from './latentModel.ts';
import type { Random } from './Random.ts';

/** What a genuine respondent's answers are drawn from. */
export interface AnswerModel {
  /** The respondent's propensity on one item (logit scale). */
  itemPropensity(item: ItemParameters): number;
  /** Their propensity on a rating that is not an item (the overall rating). */
  overallPropensity: number;
  /** Scales each item's 不了解 rate: well-informed respondents say it less. */
  notApplicableFactor: number;
  /** Answers of objective-figure questions, e.g. burden_inspections → 4. */
  figures?: ReadonlyMap<string, number>;
  /** Free-text answers to pick from. */
  texts: readonly string[];
}

/** How often a genuine respondent answers an optional question, by kind. */
const optionalAnswerRate = {
  item: 0.9,
  rating: 0.85,
  choice: 0.7,
  checkbox: 0.5,
  number: 0.5,
  text: 0.12,
};

/** Realistic shares of the resident profile questions' choices; others are uniform. */
const choiceWeights: Record<string, readonly number[]> = {
  residence: [0.72, 0.28],
  years: [0.1, 0.2, 0.3, 0.4],
};

/** A straight-liner's one answer, as a scale category from the bottom: mostly the top. */
const straightLineCategories = [0.05, 0.03, 0.15, 0.25, 0.52];

/**
 * A genuine respondent's answers, in SurveyJS's data shape: one key per answered question, in
 * page order; skipped optional questions are absent.
 */
export function genuineAnswers(
  rng: Random,
  plan: readonly PlannedQuestion[],
  model: AnswerModel,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of plan) {
    if (!q.required && !rng.chance(optionalAnswerRate[q.kind])) continue;
    switch (q.kind) {
      case 'item': {
        const { item } = q;
        const missing =
          item.notApplicable !== null &&
          rng.chance(item.notApplicableRate * model.notApplicableFactor);
        answers[q.name] = missing
          ? item.notApplicable
          : item.min +
            drawCategory(
              rng,
              model.itemPropensity(item),
              thresholdsFor(item.points),
              item.discrimination,
            );
        break;
      }
      case 'rating': {
        const noisy = model.overallPropensity + rng.normal(0, 0.5);
        answers[q.name] = q.values[drawCategory(rng, noisy, thresholdsFor(q.values.length))];
        break;
      }
      case 'number': {
        const figure = model.figures?.get(q.name);
        answers[q.name] =
          figure === undefined
            ? anyAnswer(rng, q, model.texts)
            : Math.min(q.max, Math.max(q.min, figure));
        break;
      }
      default:
        answers[q.name] = anyAnswer(rng, q, model.texts);
    }
  }
  return answers;
}

/** A speeder: random answers to the required questions, optional ones mostly skipped. */
export function speederAnswers(
  rng: Random,
  plan: readonly PlannedQuestion[],
  texts: readonly string[],
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of plan) {
    if (!q.required && !rng.chance(0.1)) continue;
    answers[q.name] = anyAnswer(rng, q, texts);
  }
  return answers;
}

/** A straight-liner: the same scale point for every rated question, optional ones mostly skipped. */
export function straightLinerAnswers(
  rng: Random,
  plan: readonly PlannedQuestion[],
  texts: readonly string[],
): Record<string, unknown> {
  const category = rng.weighted(straightLineCategories);
  const answers: Record<string, unknown> = {};
  for (const q of plan) {
    if (!q.required && !rng.chance(0.1)) continue;
    if (q.kind === 'item') answers[q.name] = q.item.min + Math.min(category, q.item.points - 1);
    else if (q.kind === 'rating')
      answers[q.name] = q.values[Math.min(category, q.values.length - 1)];
    else answers[q.name] = anyAnswer(rng, q, texts);
  }
  return answers;
}

/** Some acceptable answer to a question, drawn without a latent model. */
function anyAnswer(rng: Random, q: PlannedQuestion, texts: readonly string[]): unknown {
  switch (q.kind) {
    case 'item':
    case 'rating':
      return rng.pick(q.values);
    case 'choice': {
      const weights = choiceWeights[q.name];
      return weights?.length === q.values.length
        ? q.values[rng.weighted(weights)]
        : rng.pick(q.values);
    }
    case 'checkbox': {
      const chosen = q.values.filter(() => rng.chance(0.3));
      return chosen.length ? chosen : [rng.pick(q.values)];
    }
    case 'number':
      return rng.int(q.min, Math.min(q.max, q.min + 10));
    case 'text':
      return [...rng.pick(texts)].slice(0, q.maxLength).join('');
  }
}
