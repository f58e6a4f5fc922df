import type { RankResult } from '@manyi/scoring/unitResult';

/**
 * A rank with its 90% interval, never shown more precise than it is: "第 3 名(2–6)", or
 * "第 3 名" when the interval is that one place; "未排名" for a unit not ranked (样本不足).
 *
 * @example rankLabel({ rank: 3, low: 2, high: 6, of: 40 }) // → '第 3 名(2–6)'
 */
export function rankLabel(rank: RankResult | null | undefined): string {
  if (!rank) return '未排名';
  return rank.low === rank.high
    ? `第 ${rank.rank} 名`
    : `第 ${rank.rank} 名(${rank.low}–${rank.high})`;
}
