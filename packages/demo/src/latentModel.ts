import type { Instrument } from '@manyi/domain/instrument';
import { Random } from './Random.ts';

/**
 * The hidden truth behind the synthetic data, on the logit scale of `gradedResponse.ts`. Every
 * quantity is drawn from a keyed stream of the seed, so it is the same in every year and every
 * run; only `drift` depends on the year, which is how two years of one seed share their units.
 */
export const latentModel = {
  /** Mean propensity of residents: a typical community scores ~80 of 100. */
  residentBase: 1.9,
  streetSd: 0.3,
  communitySd: 0.45,
  /** Villages start a little lower (城乡统筹 ranks them apart anyway). */
  ruralShift: -0.15,
  /** A community is better at some dimensions than at others. */
  dimensionSd: 0.25,
  /** Grids differ a little. */
  gridSd: 0.15,
  /** Residents differ much: lenient and strict raters. */
  respondentSd: 0.8,
  itemDifficultySd: 0.3,
  /** Each item's 不了解 rate is drawn from this range, then scaled by the respondent's class. */
  notApplicableRate: [0.03, 0.12] as const,
  /** Well-informed residents rarely say 不了解, newcomers often: mean factor 1. */
  informedClasses: [
    { share: 0.75, factor: 0.6 },
    { share: 0.25, factor: 2.2 },
  ] as const,
  /** Year-to-year change: small for most units, a noticeable jump for some. */
  drift: { sd: 0.1, jumpChance: 0.1, jump: [0.4, 0.9] as const },
  /** Streets and communities rating each other: base propensity, rater leniency. */
  twoWayBase: 1.2,
  streetQualitySd: 0.5,
  communityRaterSd: 0.5,
  streetRaterSd: 0.4,
  /**
   * How consistently staff answer the two-way forms, against 1 for residents: they rate units they
   * work with daily, item by item, so their answers scatter less around their view.
   */
  twoWayDiscrimination: 2.5,
  /** How far the street's view of a community strays from its residents' view. */
  streetViewSd: 0.3,
  /** Burden lowers communities' ratings of the 减负增效 items. */
  burdenEffect: 0.5,
  /** Checks and meetings per month at burden 0, and their growth per unit of burden. */
  inspections: { base: 2.3, growth: 0.4 },
  meetings: { base: 3.2, growth: 0.3 },
} as const;

/** A rated item as the generator needs it. */
export interface ItemParameters {
  question: string;
  dimension: number;
  /** Number of scale points, max − min + 1. */
  points: number;
  min: number;
  difficulty: number;
  notApplicableRate: number;
  /** The value sent for 不了解, if the item offers one. */
  notApplicable: string | number | null;
  /** How sharply answers follow the propensity (the graded-response slope): 1 for residents. */
  discrimination: number;
}

/** The items of an instrument with their difficulties and 不了解 rates (stable across years). */
export function itemParameters(
  seed: number | string,
  instrument: Instrument,
  discrimination = 1,
): ItemParameters[] {
  const dimensions = instrument.dimensions.map((d) => d.code);
  return instrument.items.map((item) => {
    const rng = Random.of(seed, 'item', instrument.name, item.question);
    const [low, high] = latentModel.notApplicableRate;
    const notApplicable = item.notApplicable[0] ?? null;
    return {
      question: item.question,
      dimension: dimensions.indexOf(item.dimension),
      points: item.max - item.min + 1,
      min: item.min,
      difficulty: rng.normal(0, latentModel.itemDifficultySd),
      notApplicableRate: notApplicable === null ? 0 : rng.uniform(low, high),
      notApplicable,
      discrimination,
    };
  });
}

/**
 * The year's change of a unit's quality since `baseYear` (0 in the base year), as a sum of
 * yearly steps: each later year adds one, each earlier year removes one.
 */
export function drift(seed: number | string, code: string, baseYear: number, year: number): number {
  let total = 0;
  const step = (y: number) => {
    const rng = Random.of(seed, 'drift', code, y);
    if (!rng.chance(latentModel.drift.jumpChance)) return rng.normal(0, latentModel.drift.sd);
    const [low, high] = latentModel.drift.jump;
    return (rng.chance(0.5) ? 1 : -1) * rng.uniform(low, high);
  };
  for (let y = baseYear + 1; y <= year; y++) total += step(y);
  for (let y = baseYear; y > year; y--) total -= step(y);
  return total;
}
