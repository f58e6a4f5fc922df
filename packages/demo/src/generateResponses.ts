import { residentResponses, type Planted } from './residentResponses.ts';
import { gridWeight } from './regionTree.ts';
import type { SyntheticResponse } from './syntheticResponse.ts';
import { communityRatesStreet, streetRatesCommunity } from './twoWayResponses.ts';
import { communityLatent, streetLatent } from './unitLatents.ts';
import { yearContext, type YearInput } from './yearContext.ts';
import {
  communityRatingTruth,
  residentTruth,
  streetRatingTruth,
  type CommunityTruth,
  type StreetTruth,
  type YearTruth,
} from './yearTruth.ts';

export type { YearInput } from './yearContext.ts';

/**
 * Streams one synthetic campaign year, street by street and community by community: each
 * community's resident responses, then (with `twoWay`) its rating of its street and its street's
 * rating of it. Only one community's draws are in memory at a time, so a province-size year
 * (20,000 communities, ~2,000,000 responses) streams in flat memory. The generator's return
 * value is the year's truth.
 *
 * Every draw comes from a stream keyed by (seed, year, purpose, unit), and latent qualities from
 * (seed, unit) plus a yearly drift: the same seed gives the same data, and two years of one seed
 * share their communities' qualities.
 *
 * @example
 * const stream = streamYear({ year: 2025 });
 * for (let next = stream.next(); !next.done; next = stream.next()) save(next.value);
 */
export function* streamYear(input: YearInput): Generator<SyntheticResponse, YearTruth, undefined> {
  const context = yearContext(input);
  const { seed, year, options, forms } = context;
  const planted: Planted = { speeders: [], straightLiners: [] };
  const communities: CommunityTruth[] = [];
  const streets: StreetTruth[] = [];

  for (const street of context.streets) {
    const streetLatents = streetLatent(seed, options.baseYear, year, street.code);
    let population = 0;
    let weightedScore = 0;
    for (const community of street.communities) {
      const latent = communityLatent(
        seed,
        options.baseYear,
        year,
        community,
        streetLatents,
        forms.resident.instrument.dimensions.length,
      );
      const residents = yield* residentResponses(context, community, latent, planted);
      if (options.twoWay) {
        yield communityRatesStreet(context, community, latent, street, streetLatents);
        yield streetRatesCommunity(context, community, latent, street, streetLatents);
      }
      const truth: CommunityTruth = {
        code: community.code,
        streetCode: street.code,
        kind: community.kind,
        quality: latent.quality,
        ...residentTruth(context, community, latent),
        streetRatingScore: options.twoWay ? streetRatingTruth(context, latent) : null,
        residents,
      };
      communities.push(truth);
      const weight = community.grids.reduce((sum, grid) => sum + gridWeight(grid), 0);
      population += weight;
      weightedScore += weight * truth.residentScore;
    }
    streets.push({
      code: street.code,
      quality: streetLatents.quality,
      burden: streetLatents.burden,
      inspectionsPerMonth: streetLatents.inspectionsPerMonth,
      meetingsPerMonth: streetLatents.meetingsPerMonth,
      communityRatingScore: options.twoWay ? communityRatingTruth(context, streetLatents) : null,
      residentScore: weightedScore / population,
    });
  }
  return { seed, year, communities, streets, ...planted };
}

/**
 * One synthetic campaign year in memory: its responses and its truth. Defaults are the demo's
 * (its region, instruments, seed, ~80 residents per community).
 *
 * @example const { responses, truth } = generateYear({ year: 2026 });
 */
export function generateYear(input: YearInput): {
  responses: SyntheticResponse[];
  truth: YearTruth;
} {
  const responses: SyntheticResponse[] = [];
  const stream = streamYear(input);
  for (let next = stream.next(); ; next = stream.next()) {
    if (next.done) return { responses, truth: next.value };
    responses.push(next.value);
  }
}
