import type { UnitResult } from '@manyi/scoring/unitResult';
import { twoWayScatter, type TwoWayOptions, type TwoWayPoint } from './twoWayScatter.ts';

export type { TwoWayOptions, UnitResult };

/**
 * The first half of the two-way picture: each community's rating by its street (街道评社区)
 * against its residents' score, disagreements beyond the threshold marked and named.
 * Communities without a street rating or a resident score are left out.
 *
 * @example twoWayCommunities(results.rows, { threshold: 10 })
 */
export function twoWayCommunities(
  rows: readonly UnitResult[],
  options: TwoWayOptions = {},
): HTMLElement | SVGSVGElement {
  const points: TwoWayPoint[] = rows.flatMap((r) =>
    r.level === 'community' && r.streetRating && r.resident.score != null
      ? [
          {
            code: r.code,
            name: r.name,
            parentName: r.streetName ?? '',
            resident: r.resident.score,
            rating: r.streetRating.score,
            raters: r.streetRating.raters,
            gap: r.streetRating.score - r.resident.score,
          },
        ]
      : [],
  );
  return twoWayScatter(
    points,
    {
      title: '街道评社区与居民评社区',
      unit: '社区',
      rater: '街道',
      ratingLabel: '街道评价得分',
    },
    options,
  );
}
