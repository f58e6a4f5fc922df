import type { SessionUser } from '@manyi/domain/user';
import type { YearResults } from '@manyi/scoring/latestResults';
import { publicResultsOf } from '@manyi/scoring/publicResults';
import { tooFewResponses, type UnitResult } from '@manyi/scoring/unitResult';
import { getCampaign } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';

/** Street and community staff: they read results only of a published year (issue 5 §3). */
export function isStaff(user: SessionUser): boolean {
  return user.role === 'street_staff' || user.role === 'community_staff';
}

/** Whether the year's campaign has been published, the only results staff may read. */
export async function isPublished(store: Store, year: number): Promise<boolean> {
  return (await getCampaign(store, year))?.state === 'published';
}

/**
 * What staff see of a published year: their own unit's stored result whole, and every other unit
 * the public site shows (the same suppression: fewer than 10 responses, or a district under 10)
 * reduced to the public figures by `publishedFigures`. Own unit first, then in the public
 * site's order.
 */
export function staffRows(stored: YearResults, year: number, own: string): UnitResult[] {
  const shown = publicResultsOf(year, stored).districts.flatMap((d) => [
    ...d.streets,
    ...d.communities,
  ]);
  const whole = stored.results.find((r) => r.code === own);
  return [...(whole ? [whole] : []), ...shown.filter((u) => u.code !== own).map(publishedFigures)];
}

/**
 * A unit as the public site shows it, in the shape of a stored result: composite with interval,
 * stars, ranks with intervals, n, a community's resident score, all to one decimal as the site
 * prints them; no SE, dimension, two-way rating, burden, population, change or grid flag (a
 * street's resident score neither: with its communities it would give away a suppressed one).
 */
export function publishedFigures(unit: UnitResult): UnitResult {
  return {
    ...unit,
    population: null,
    resident: {
      n: unit.resident.n,
      score: unit.level === 'community' ? oneDecimal(unit.resident.score) : null,
      se: null,
      low: null,
      high: null,
      satisfiedRate: null,
      satisfiedSe: null,
    },
    dimensions: {},
    streetRating: null,
    communityRating: null,
    burden: null,
    indicators: {},
    composite: oneDecimal(unit.composite),
    compositeSe: null,
    compositeLow: oneDecimal(unit.compositeLow),
    compositeHigh: oneDecimal(unit.compositeHigh),
    compositeChange: null,
    residentChange: null,
    flags: unit.flags.filter((f) => f === tooFewResponses),
  };
}

/** A figure to one decimal, as the public page prints it. */
function oneDecimal(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
