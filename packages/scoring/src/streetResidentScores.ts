import type { CampaignUnit } from './campaignUnits.ts';
import { high95, low95 } from './interval95.ts';
import type { ResidentEstimate } from './residentEstimates.ts';

/**
 * Streets' resident estimates per measure from their communities': the population-weighted mean
 * of the community estimates (the snapshot's population, or where it is unknown the population
 * the community's respondents stand for), SE √Σ(P_c/ΣP)²·SE_c². Communities are sampled in
 * disjoint grid strata, so their estimates are independent and the SE is exact for these
 * weights. Communities without a score for the measure are left out.
 *
 * @example streetResidentScores(communityEstimates, units) // → [{ measure: 'overall', community: 'S01', ... }]
 */
export function streetResidentScores(
  communityEstimates: readonly ResidentEstimate[],
  units: readonly CampaignUnit[],
): ResidentEstimate[] {
  const streetOf = new Map(units.filter((u) => u.level === 'community').map((u) => [u.code, u]));
  const parts = new Map<string, { population: number; estimate: ResidentEstimate }[]>();
  for (const e of communityEstimates) {
    const community = streetOf.get(e.community);
    if (!community?.streetCode || e.score === null) continue;
    const key = `${e.measure}\u0000${community.streetCode}`;
    const population = community.population ?? e.weightTotal ?? 0;
    const list = parts.get(key);
    if (list) list.push({ population, estimate: e });
    else parts.set(key, [{ population, estimate: e }]);
  }
  return [...parts].map(([key, list]) => {
    const [measure, street] = key.split('\u0000') as [string, string];
    const total = list.reduce((s, p) => s + p.population, 0);
    const share = (p: { population: number }) =>
      total > 0 ? p.population / total : 1 / list.length;
    const mean = (value: (e: ResidentEstimate) => number) =>
      list.reduce((s, p) => s + share(p) * value(p.estimate), 0);
    const se = (value: (e: ResidentEstimate) => number) =>
      Math.sqrt(list.reduce((s, p) => s + (share(p) * value(p.estimate)) ** 2, 0));
    const score = mean((e) => e.score!);
    const scoreSe = se((e) => e.se!);
    return {
      measure,
      community: street,
      n: list.reduce((s, p) => s + p.estimate.n, 0),
      score,
      se: scoreSe,
      scoreLow: low95(score, scoreSe),
      scoreHigh: high95(score, scoreSe),
      satisfiedRate: mean((e) => e.satisfiedRate!),
      satisfiedSe: se((e) => e.satisfiedSe!),
      weightTotal: total,
      lonelyGrids: list.reduce((s, p) => s + p.estimate.lonelyGrids, 0),
    };
  });
}
