import type { ScoreWithSe } from './compositeScore.ts';
import { high95, low95 } from './interval95.ts';
import type { EstimateResult, RankResult, RatingResult, UnitResult } from './unitResult.ts';

/**
 * The form of `results.row` this code writes: a `UnitResult` whose repeated records are arrays
 * of their values in a fixed order, keys written once here instead of in every record. A
 * province's results took 40 MB as plain `UnitResult` JSON (their keys more than a third of it)
 * and 30 MB in form 2, which a scoring run writes, commits and checkpoints, and every reader of a
 * year parses. Form 3 leaves out an estimate's 95% bounds where they are `low95`/`high95` of its
 * score and SE, as every estimate a run makes has them (12 of a community's ~65 numbers): the
 * reader makes them again with the same functions, to the same bits. An estimate whose bounds
 * are anything else keeps them (the array of form 2), so every value still reads back as written.
 */
const storedForm = 3;

/** Forms this code reads: form 2 is form 3 with every estimate's bounds kept. */
const readableForms: readonly number[] = [2, 3];

/** An estimate with its bounds (form 2, or bounds that are not score ∓ 1.96·se), or without them. */
type StoredEstimate =
  | [
      n: number,
      score: number | null,
      se: number | null,
      low: number | null,
      high: number | null,
      satisfiedRate: number | null,
      satisfiedSe: number | null,
    ]
  | [
      n: number,
      score: number | null,
      se: number | null,
      satisfiedRate: number | null,
      satisfiedSe: number | null,
    ];
type StoredRating = [raters: number, score: number, se: number];
type StoredScore = [score: number, se: number];
type StoredRank = [rank: number, low: number, high: number, of: number];

/** A result as stored: `UnitResult` with the records of `storedResult` as arrays. */
interface StoredResult extends Omit<
  UnitResult,
  | 'resident'
  | 'dimensions'
  | 'streetRating'
  | 'communityRating'
  | 'indicators'
  | 'rankInDistrict'
  | 'rankInClass'
> {
  form: typeof storedForm;
  resident: StoredEstimate;
  dimensions: Record<string, StoredEstimate>;
  streetRating: StoredRating | null;
  communityRating: StoredRating | null;
  indicators: Record<string, StoredScore | null>;
  rankInDistrict: StoredRank | null;
  rankInClass: StoredRank | null;
}

/**
 * The JSON `results.row` holds for a result; `resultOfStored` gives back an equal `UnitResult`
 * (the same values, bit for bit, and the same key order).
 *
 * @example resultOfStored(storedResult(result)) // deep-equals result
 */
export function storedResult(r: UnitResult): string {
  const stored: StoredResult = {
    form: storedForm,
    ...r,
    resident: storedEstimate(r.resident),
    dimensions: mapValues(r.dimensions, storedEstimate),
    streetRating: r.streetRating && storedRating(r.streetRating),
    communityRating: r.communityRating && storedRating(r.communityRating),
    indicators: mapValues(r.indicators, (s) => s && [s.score, s.se]),
    rankInDistrict: r.rankInDistrict && storedRank(r.rankInDistrict),
    rankInClass: r.rankInClass && storedRank(r.rankInClass),
  };
  return JSON.stringify(stored);
}

/**
 * A result from `results.row`: the stored form, or a `UnitResult` as plain JSON as runs stored
 * it before that form. Throws for a form this code does not know (written by a newer version).
 *
 * @example const results = rows.map((r) => resultOfStored(r.row));
 */
export function resultOfStored(json: string): UnitResult {
  const parsed = JSON.parse(json) as StoredResult | UnitResult;
  if (!('form' in parsed)) return parsed;
  const { form, ...stored } = parsed;
  if (!readableForms.includes(form))
    throw new Error(`结果行的格式 ${form} 无法读取 / results row of unknown form ${form}`);
  return {
    ...stored,
    resident: estimateOf(stored.resident),
    dimensions: mapValues(stored.dimensions, estimateOf),
    streetRating: stored.streetRating && ratingOf(stored.streetRating),
    communityRating: stored.communityRating && ratingOf(stored.communityRating),
    indicators: mapValues(stored.indicators, (s): ScoreWithSe | null =>
      s ? { score: s[0], se: s[1] } : null,
    ),
    rankInDistrict: stored.rankInDistrict && rankOf(stored.rankInDistrict),
    rankInClass: stored.rankInClass && rankOf(stored.rankInClass),
  };
}

function storedEstimate(e: EstimateResult): StoredEstimate {
  return Object.is(e.low, low95(e.score, e.se)) && Object.is(e.high, high95(e.score, e.se))
    ? [e.n, e.score, e.se, e.satisfiedRate, e.satisfiedSe]
    : [e.n, e.score, e.se, e.low, e.high, e.satisfiedRate, e.satisfiedSe];
}

function estimateOf(stored: StoredEstimate): EstimateResult {
  if (stored.length === 7) {
    const [n, score, se, low, high, satisfiedRate, satisfiedSe] = stored;
    return { n, score, se, low, high, satisfiedRate, satisfiedSe };
  }
  const [n, score, se, satisfiedRate, satisfiedSe] = stored;
  return {
    n,
    score,
    se,
    low: low95(score, se),
    high: high95(score, se),
    satisfiedRate,
    satisfiedSe,
  };
}

function storedRating(r: RatingResult): StoredRating {
  return [r.raters, r.score, r.se];
}

function ratingOf([raters, score, se]: StoredRating): RatingResult {
  return { raters, score, se };
}

function storedRank(r: RankResult): StoredRank {
  return [r.rank, r.low, r.high, r.of];
}

function rankOf([rank, low, high, of]: StoredRank): RankResult {
  return { rank, low, high, of };
}

/** An object with `f` applied to each of its values, keys in the same order. */
function mapValues<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const key of Object.keys(record)) out[key] = f(record[key]!);
  return out;
}
