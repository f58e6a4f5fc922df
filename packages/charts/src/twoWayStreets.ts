import type { UnitResult } from '@manyi/scoring/unitResult';
import { twoWayScatter, type TwoWayOptions, type TwoWayPoint } from './twoWayScatter.ts';

export type { TwoWayOptions, UnitResult };

/**
 * The second half of the two-way picture: each street's rating by its communities (社区评街道)
 * against its residents' score (its communities', population-weighted), disagreements beyond
 * the threshold marked and named.
 *
 * @example twoWayStreets(results.rows, { threshold: 8 })
 */
export function twoWayStreets(
  rows: readonly UnitResult[],
  options: TwoWayOptions = {},
): HTMLElement | SVGSVGElement {
  const points: TwoWayPoint[] = rows.flatMap((r) =>
    r.level === 'street' && r.communityRating && r.resident.score != null
      ? [
          {
            code: r.code,
            name: r.name,
            parentName: r.districtName,
            resident: r.resident.score,
            rating: r.communityRating.score,
            raters: r.communityRating.raters,
            gap: r.communityRating.score - r.resident.score,
          },
        ]
      : [],
  );
  return twoWayScatter(
    points,
    {
      title: '社区评街道与居民评街道',
      unit: '街道',
      rater: '社区',
      ratingLabel: '社区评价得分',
    },
    options,
  );
}
