import type { ScoringSettings } from '@manyi/domain/framework';
import { ranksWithinGroups } from './competitionRanks.ts';
import { rankIntervalsYielding } from './rankIntervals.ts';
import { tooFewResponses, type RankResult, type UnitResult } from './unitResult.ts';

/**
 * Fills in ranks: among units of the same level with a composite (a finite number) and enough
 * responses (not 样本不足), competition ranks (1,2,2,4) within each district and within each
 * urban/rural class, each with a rank interval from `settings.rankDraws` seeded draws of every
 * composite around its SE. A level's two rankings rank the same draws (one per unit and draw);
 * communities draw from `seed`, streets from `seed + 1`. A composite without an SE gets its
 * whole group as its interval. The simulation gives the event loop a turn now and then, so a
 * query started before it runs on meanwhile.
 *
 * @example await rankResults(buildResults(inputs), framework.settings, 2026)
 */
export async function rankResults(
  results: UnitResult[],
  settings: ScoringSettings,
  seed: number,
): Promise<UnitResult[]> {
  const groupings = [
    { key: 'rankInDistrict', group: (r: UnitResult) => r.districtCode },
    { key: 'rankInClass', group: (r: UnitResult) => r.rankingClass },
  ] as const;
  for (const [i, level] of (['community', 'street'] as const).entries()) {
    const ranked = results.filter(
      (r) =>
        r.level === level && Number.isFinite(r.composite) && !r.flags.includes(tooFewResponses),
    );
    const units = ranked.map((r) => ({
      score: r.composite!,
      se: r.compositeSe ?? NaN,
      groups: groupings.map(({ group }) => group(r)),
    }));
    const intervals = await rankIntervalsYielding(units, {
      seed: seed + i,
      draws: settings.rankDraws,
      level: settings.rankIntervalLevel,
    });
    groupings.forEach(({ key }, g) => {
      const grouped = units.map((u) => ({ group: u.groups[g]!, value: u.score }));
      const ranks = ranksWithinGroups(grouped);
      const sizes = new Map<string, number>();
      for (const u of grouped) sizes.set(u.group, (sizes.get(u.group) ?? 0) + 1);
      ranked.forEach((r, k) => {
        const rank: RankResult = {
          rank: ranks[k]!,
          ...intervals[g]![k]!,
          of: sizes.get(grouped[k]!.group)!,
        };
        r[key] = rank;
      });
    });
  }
  return results;
}
