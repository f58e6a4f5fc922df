import { drift, latentModel as m } from './latentModel.ts';
import { Random } from './Random.ts';
import type { CommunityNode } from './regionTree.ts';

/** A community's hidden qualities in one year (logit scale). */
export interface CommunityLatent {
  /** Residents' satisfaction propensity, before grid, dimension, item and respondent effects. */
  quality: number;
  /** Per dimension of the resident instrument, added to `quality`. */
  dimensions: number[];
  /** Per grid, in the community's grid order. */
  grids: number[];
  /** How its street sees its work (street_to_community). */
  streetView: number;
  /** How leniently it rates its street (community_to_street). */
  raterLeniency: number;
}

/** A street's hidden qualities in one year. */
export interface StreetLatent {
  /** Shared by its communities' resident quality. */
  residentEffect: number;
  /** How well it supports its communities, as they see it. */
  quality: number;
  /** How much it burdens them: above 0, more checks, meetings and paperwork. */
  burden: number;
  /** Expected checks (检查考核) and meetings a month. */
  inspectionsPerMonth: number;
  meetingsPerMonth: number;
  /** How leniently it rates its communities. */
  raterLeniency: number;
}

/** A street's latent qualities in `year` (stable parts from the seed, plus the year's drift). */
export function streetLatent(
  seed: number | string,
  baseYear: number,
  year: number,
  code: string,
): StreetLatent {
  const rng = Random.of(seed, 'street', code);
  const residentEffect = rng.normal(0, m.streetSd);
  const quality = rng.normal(0, m.streetQualitySd) + drift(seed, `quality:${code}`, baseYear, year);
  const burden = rng.normal(0, 1) + 2 * drift(seed, `burden:${code}`, baseYear, year);
  return {
    residentEffect,
    quality,
    burden,
    inspectionsPerMonth: m.inspections.base * Math.exp(m.inspections.growth * burden),
    meetingsPerMonth: m.meetings.base * Math.exp(m.meetings.growth * burden),
    raterLeniency: rng.normal(0, m.streetRaterSd),
  };
}

/** A community's latent qualities in `year`, given its street's. */
export function communityLatent(
  seed: number | string,
  baseYear: number,
  year: number,
  community: CommunityNode,
  street: StreetLatent,
  dimensionCount: number,
): CommunityLatent {
  const rng = Random.of(seed, 'community', community.code);
  const quality =
    street.residentEffect +
    rng.normal(0, m.communitySd) +
    (community.kind === 'rural' ? m.ruralShift : 0) +
    drift(seed, `community:${community.code}`, baseYear, year);
  const streetView = quality + rng.normal(0, m.streetViewSd);
  const raterLeniency = rng.normal(0, m.communityRaterSd);
  // Own streams, so that the number of dimensions or grids changes nothing else.
  const perDimension = Random.of(seed, 'community', community.code, 'dimensions');
  const dimensions = Array.from({ length: dimensionCount }, () =>
    perDimension.normal(0, m.dimensionSd),
  );
  const perGrid = Random.of(seed, 'community', community.code, 'grids');
  const grids = community.grids.map(() => perGrid.normal(0, m.gridSd));
  return { quality, dimensions, grids, streetView, raterLeniency };
}
