import type { CompositeLevel, Framework, IndicatorSource } from '@manyi/domain/framework';
import type { BurdenCompliance } from './burdenCompliance.ts';
import type { CampaignUnit } from './campaignUnits.ts';
import { compositeScore, type ScoreWithSe } from './compositeScore.ts';
import { high95, low95 } from './interval95.ts';
import { objectiveScore } from './objectiveFigures.ts';
import type { ResidentEstimate } from './residentEstimates.ts';
import { overallMeasure } from './responseScoring.ts';
import { starsOf } from './stars.ts';
import { streetResidentScores } from './streetResidentScores.ts';
import type { TwoWayRating } from './twoWayRatings.ts';
import {
  lonelyGridFlag,
  tooFewResponses,
  type EstimateResult,
  type RatingResult,
  type UnitResult,
} from './unitResult.ts';
import { yearOverYear } from './yearOverYear.ts';

/** Everything a year's results are computed from, read in one snapshot by `scoreYear`. */
export interface ScoringInputs {
  year: number;
  framework: Framework;
  units: readonly CampaignUnit[];
  /** Per community and measure. */
  residentEstimates: readonly ResidentEstimate[];
  /** Communities rated by their streets, per measure. */
  streetRatings: readonly TwoWayRating[];
  /** Streets rated by their communities, per measure. */
  communityRatings: readonly TwoWayRating[];
  burden: readonly BurdenCompliance[];
  /** figure → unit code → value. */
  objective: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The previous year's latest results, for the change since. */
  previous: readonly UnitResult[];
}

/**
 * The results of every community and street but their ranks: resident estimates (overall and per
 * dimension; a street's from its communities, population-weighted), two-way ratings, burden
 * figures, the framework's composite with its SE and 95% interval, stars, the change since last
 * year and flags. Units with fewer valid responses than the framework's minimum are flagged
 * 样本不足 and get no stars (they are not ranked either).
 *
 * @example rankResults(buildResults(inputs), inputs.framework.settings, seed)
 */
export function buildResults(inputs: ScoringInputs): UnitResult[] {
  const resident = byUnitAndMeasure(inputs.residentEstimates, (e) => e.community);
  for (const e of streetResidentScores(inputs.residentEstimates, inputs.units))
    add(resident, e.community, e);
  const ratings = byUnitAndMeasure(inputs.streetRatings, (r) => r.unit);
  for (const r of inputs.communityRatings) add(ratings, r.unit, r);
  const burden = new Map(inputs.burden.map((b) => [b.street, b]));
  const previous = new Map(inputs.previous.map((r) => [`${r.level}:${r.code}`, r]));
  const { settings } = inputs.framework;
  const noEstimates = new Map<string, ResidentEstimate>();
  const noRatings = new Map<string, TwoWayRating>();

  return inputs.units.map((unit): UnitResult => {
    const level: CompositeLevel = unit.level;
    const estimates = resident.get(unit.code) ?? noEstimates;
    const unitRatings = ratings.get(unit.code) ?? noRatings;
    const overallEstimate = estimates.get(overallMeasure);
    const overall = estimateResult(overallEstimate);
    const leafValue = (source: IndicatorSource): ScoreWithSe | null => {
      if (source.kind === 'objective') {
        const value = inputs.objective.get(source.figure)?.get(unit.code);
        return value === undefined
          ? null
          : { score: objectiveScore(value, source.min, source.max), se: 0 };
      }
      const measure = source.dimension ?? source.question ?? overallMeasure;
      const found = source.kind === 'resident' ? estimates.get(measure) : unitRatings.get(measure);
      return found && found.score !== null ? { score: found.score, se: found.se ?? 0 } : null;
    };
    const composite = compositeScore(inputs.framework[level], leafValue);
    const tooFew = overall.n < settings.minResponses;
    const flags: string[] = [];
    if (tooFew) flags.push(tooFewResponses);
    if (level === 'community' && overallEstimate?.lonelyGrids) flags.push(lonelyGridFlag);
    for (const code of composite.missing) flags.push(`缺少指标:${code}`);
    const dimensions: Record<string, EstimateResult> = {};
    for (const [measure, e] of estimates)
      if (measure !== overallMeasure) dimensions[measure] = estimateResult(e);
    const last = previous.get(`${level}:${unit.code}`);
    const overallRating = unitRatings.get(overallMeasure);
    return {
      year: inputs.year,
      level,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      rankingClass: unit.rankingClass,
      streetCode: unit.streetCode,
      streetName: unit.streetName,
      districtCode: unit.districtCode,
      districtName: unit.districtName,
      population: unit.population,
      resident: overall,
      dimensions,
      streetRating: level === 'community' ? ratingResult(overallRating) : null,
      communityRating: level === 'street' ? ratingResult(overallRating) : null,
      burden: level === 'street' ? pick(burden.get(unit.code)) : null,
      indicators: composite.indicators,
      composite: composite.score,
      compositeSe: composite.se,
      compositeLow: low95(composite.score, composite.se),
      compositeHigh: high95(composite.score, composite.se),
      stars:
        composite.score === null || tooFew
          ? null
          : starsOf(composite.score, settings.starThresholds),
      rankInDistrict: null,
      rankInClass: null,
      compositeChange: yearOverYear(
        { score: composite.score, se: composite.se },
        last && { score: last.composite, se: last.compositeSe },
      ),
      residentChange: yearOverYear(overall, last?.resident),
      flags,
    };
  });
}

/** Estimates (or ratings) by unit, then by measure; a later row of the same pair replaces it. */
function byUnitAndMeasure<T extends { measure: string }>(
  rows: readonly T[],
  unitOf: (row: T) => string,
): Map<string, Map<string, T>> {
  const out = new Map<string, Map<string, T>>();
  for (const r of rows) add(out, unitOf(r), r);
  return out;
}

/** Files `row` under its unit and measure. */
function add<T extends { measure: string }>(
  byUnit: Map<string, Map<string, T>>,
  unit: string,
  row: T,
): void {
  let measures = byUnit.get(unit);
  if (!measures) byUnit.set(unit, (measures = new Map<string, T>()));
  measures.set(row.measure, row);
}

/** A two-way rating as results keep it. */
function ratingResult(r: TwoWayRating | undefined): RatingResult | null {
  return r ? { raters: r.raters, score: r.score, se: r.se } : null;
}

/** An estimate as results keep it; a unit without respondents gets n = 0 and no score. */
function estimateResult(e: ResidentEstimate | undefined): EstimateResult {
  return {
    n: e?.n ?? 0,
    score: e?.score ?? null,
    se: e?.se ?? null,
    low: e?.scoreLow ?? null,
    high: e?.scoreHigh ?? null,
    satisfiedRate: e?.satisfiedRate ?? null,
    satisfiedSe: e?.satisfiedSe ?? null,
  };
}

/** A street's burden figures without its code. */
function pick(b: BurdenCompliance | undefined): UnitResult['burden'] {
  return b ? { reporting: b.reporting, over: b.over, compliance: b.compliance } : null;
}
