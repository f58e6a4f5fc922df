import type { CommunityKind } from '@manyi/domain/region';
import { latentModel } from './latentModel.ts';
import { gridWeight, type CommunityNode } from './regionTree.ts';
import type { CommunityLatent, StreetLatent } from './unitLatents.ts';
import type { YearContext } from './yearContext.ts';

/**
 * The truth behind a community's synthetic data in one year. Scores are expectations over the
 * population of genuine respondents (planted speeders and straight-liners excluded), never
 * sample figures; see `expectedScore.ts` for how they are computed.
 */
export interface CommunityTruth {
  code: string;
  streetCode: string;
  kind: CommunityKind;
  /** Latent resident quality (logit scale); year-to-year drift shows here. */
  quality: number;
  /** Population-weighted expected resident overall score, 0–100 (PRODUCT.md's definition). */
  residentScore: number;
  /** Population-weighted share of residents whose overall score is ≥ 75, or null if not computed. */
  satisfiedRate: number | null;
  /** Expected dimension scores, by dimension code. */
  dimensionScores: Record<string, number>;
  /** Expected score of the street's rating of this community (over rater leniency); null without two-way. */
  streetRatingScore: number | null;
  /** Resident responses drawn, planted ones included. */
  residents: number;
}

/** The truth behind a street's synthetic data in one year. */
export interface StreetTruth {
  code: string;
  /** Latent support quality as its communities see it. */
  quality: number;
  /** Latent burden; expected checks and meetings a month follow from it (limits: 3 and 4). */
  burden: number;
  inspectionsPerMonth: number;
  meetingsPerMonth: number;
  /** Expected score of a community's rating of this street (over rater leniency); null without two-way. */
  communityRatingScore: number | null;
  /** Population-weighted mean of its communities' true resident scores. */
  residentScore: number;
}

/** A year's truth: per community, per street, and the planted low-quality responses. */
export interface YearTruth {
  seed: number | string;
  year: number;
  communities: CommunityTruth[];
  streets: StreetTruth[];
  speeders: string[];
  straightLiners: string[];
}

/** True resident figures of a community: each grid's expectation, weighted by grid population. */
export function residentTruth(
  context: YearContext,
  community: CommunityNode,
  latent: CommunityLatent,
): Pick<CommunityTruth, 'residentScore' | 'satisfiedRate' | 'dimensionScores'> {
  const form = context.forms.resident;
  const dimensionCodes = form.instrument.dimensions.map((d) => d.code);
  let total = 0;
  let score = 0;
  let satisfied = 0;
  const dimensions = new Array<number>(dimensionCodes.length).fill(0);
  community.grids.forEach((grid, g) => {
    const weight = gridWeight(grid);
    const mu = latentModel.residentBase + latent.quality + latent.grids[g]!;
    const expected = form.expectation(mu, latent.dimensions);
    total += weight;
    score += weight * expected.score;
    satisfied += weight * (expected.satisfiedRate ?? 0);
    expected.dimensionScores.forEach((s, d) => (dimensions[d]! += weight * s));
  });
  return {
    residentScore: score / total,
    satisfiedRate: context.options.satisfiedRateTruth ? satisfied / total : null,
    dimensionScores: Object.fromEntries(
      dimensionCodes.map((code, d) => [code, dimensions[d]! / total]),
    ),
  };
}

/** Expected score of the street's rating of a community, over the street raters' leniency. */
export function streetRatingTruth(context: YearContext, latent: CommunityLatent): number {
  const form = context.forms.street_to_community;
  const none = form.instrument.dimensions.map(() => 0);
  return form.expectation(latentModel.twoWayBase + latent.streetView, none).score;
}

/** Expected score of a community's rating of its street, over the communities' leniency. */
export function communityRatingTruth(context: YearContext, street: StreetLatent): number {
  const form = context.forms.community_to_street;
  return form.expectation(latentModel.twoWayBase + street.quality, burdenEffects(context, street))
    .score;
}

/** Per dimension of community_to_street: the burden dimension (code `burden`) suffers from burden. */
export function burdenEffects(context: YearContext, street: StreetLatent): number[] {
  return context.forms.community_to_street.instrument.dimensions.map((d) =>
    d.code === 'burden' ? -latentModel.burdenEffect * street.burden : 0,
  );
}
