import type { ScoringSettings } from '@manyi/domain/framework';
import { ranksWithinGroups } from './competitionRanks.ts';
import { rankIntervals } from './rankIntervals.ts';
import { tooFewResponses, type RankResult, type UnitResult } from './unitResult.ts';

/**
 * Fills in ranks: among units of the same level with a composite and enough responses (not
 * 样本不足), competition ranks (1,2,2,4) within each district and within each urban/rural class,
 * each with a rank interval from `settings.rankDraws` seeded draws of every composite around its
 * SE. The four rankings (community/street × district/class) draw from seeds seed … seed+3.
 *
 * @example rankResults(buildResults(inputs), framework.settings, 2026)
 */
export function rankResults(
  results: UnitResult[],
  settings: ScoringSettings,
  seed: number,
): UnitResult[] {
  const groupings = [
    { level: 'community', key: 'rankInDistrict', group: (r: UnitResult) => r.districtCode },
    { level: 'community', key: 'rankInClass', group: (r: UnitResult) => r.rankingClass },
    { level: 'street', key: 'rankInDistrict', group: (r: UnitResult) => r.districtCode },
    { level: 'street', key: 'rankInClass', group: (r: UnitResult) => r.rankingClass },
  ] as const;
  groupings.forEach(({ level, key, group }, i) => {
    const ranked = results.filter(
      (r) => r.level === level && r.composite !== null && !r.flags.includes(tooFewResponses),
    );
    const units = ranked.map((r) => ({
      group: group(r),
      value: r.composite!,
      score: r.composite!,
      se: r.compositeSe!,
    }));
    const ranks = ranksWithinGroups(units);
    const intervals = rankIntervals(units, {
      seed: seed + i,
      draws: settings.rankDraws,
      level: settings.rankIntervalLevel,
    });
    const sizes = new Map<string, number>();
    for (const u of units) sizes.set(u.group, (sizes.get(u.group) ?? 0) + 1);
    ranked.forEach((r, k) => {
      const rank: RankResult = {
        rank: ranks[k]!,
        ...intervals[k]!,
        of: sizes.get(units[k]!.group)!,
      };
      r[key] = rank;
    });
  });
  return results;
}
