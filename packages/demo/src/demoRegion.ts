import type { RegionRow } from '@manyi/domain/region';
import {
  communityName,
  demoDistrictNames,
  districtName,
  gridName,
  subdistrictName,
  townshipName,
  uniqueName,
  villageName,
} from './placeNames.ts';
import { Random } from './Random.ts';

/** An inclusive integer range, or one fixed count. */
export type Count = number | readonly [min: number, max: number];

export interface RegionOptions {
  seed: number | string;
  /** Number of 区/县. The first ones are 区, the last `countyShare` of them 县. */
  districts: number;
  streetsPerDistrict: Count;
  communitiesPerStreet: Count;
  /** Grids (网格) per urban 社区 and per rural 村. */
  urbanGrids: Count;
  ruralGrids: Count;
  /** Residents per grid, urban and rural. */
  urbanGridPopulation: Count;
  ruralGridPopulation: Count;
  /** Share of the districts that are counties (县). */
  countyShare: number;
  /** Share of a 区's and of a 县's streets that are townships (乡镇); the rest are 街道. */
  townshipShare: { district: number; county: number };
  /** 社区 in a township's seat, listed before its villages (村). */
  townCommunities: Count;
  /** Names used for the first districts, in order; later ones are generated. */
  districtNames: readonly string[];
  /**
   * Where community and street names are kept unique: across the whole region (the demo), or
   * only within a district (a province, whose thousands of villages would outgrow the pools).
   */
  uniqueNamesAcross: 'region' | 'district';
}

/** The 示范市 of the demo: 5 districts, 25 streets/townships, about 230 communities/villages. */
export const demoRegionOptions: RegionOptions = {
  seed: 1,
  districts: 5,
  streetsPerDistrict: 5,
  communitiesPerStreet: [7, 12],
  urbanGrids: [3, 6],
  ruralGrids: [2, 4],
  urbanGridPopulation: [800, 3000],
  ruralGridPopulation: [300, 1500],
  countyShare: 0.4,
  townshipShare: { district: 0.2, county: 0.8 },
  townCommunities: [1, 2],
  districtNames: demoDistrictNames,
  uniqueNamesAcross: 'region',
};

/**
 * Generates a region tree as rows of the regions CSV (one row per grid), deterministically from
 * the seed. Options not given are the demo's.
 *
 * @example generateRegion({ seed: 7, districts: 120, streetsPerDistrict: [10, 14],
 *   communitiesPerStreet: [12, 16], districtNames: [], uniqueNamesAcross: 'district' })
 *   // ≈ 20,000 communities: a province
 */
export function generateRegion(options: Partial<RegionOptions> = {}): RegionRow[] {
  const o: RegionOptions = { ...demoRegionOptions, ...options };
  const rng = Random.of(o.seed, 'region');
  const rows: RegionRow[] = [];
  const counties = Math.round(o.districts * o.countyShare);
  const width = { district: Math.max(2, String(o.districts).length) };
  const regionNames = {
    district: new Set<string>(),
    street: new Set<string>(),
    community: new Set<string>(),
  };

  for (let d = 1; d <= o.districts; d++) {
    const county = d > o.districts - counties;
    const preset = o.districtNames[d - 1];
    const district = {
      code: 'D' + pad(d, width.district),
      name: preset ?? uniqueName(rng, (r) => districtName(r, county), regionNames.district),
    };
    if (preset) regionNames.district.add(preset);
    const names =
      o.uniqueNamesAcross === 'region'
        ? regionNames
        : { street: new Set<string>(), community: new Set<string>() };
    const streets = draw(rng, o.streetsPerDistrict);
    const townships = Math.round(
      streets * (county ? o.townshipShare.county : o.townshipShare.district),
    );

    for (let s = 1; s <= streets; s++) {
      const township = s > streets - townships;
      const street = {
        code: `${district.code}S${pad(s, 2)}`,
        name: uniqueName(rng, township ? townshipName : subdistrictName, names.street),
        kind: township ? ('乡镇' as const) : ('街道' as const),
      };
      const communities = draw(rng, o.communitiesPerStreet);
      const towns = township
        ? Math.min(communities - 1, draw(rng, o.townCommunities))
        : communities;

      for (let c = 1; c <= communities; c++) {
        const urban = c <= towns;
        const community = {
          code: `${street.code}C${pad(c, 2)}`,
          name: uniqueName(rng, urban ? communityName : villageName, names.community),
          kind: urban ? ('urban' as const) : ('rural' as const),
        };
        const grids = draw(rng, urban ? o.urbanGrids : o.ruralGrids);
        for (let g = 1; g <= grids; g++) {
          rows.push({
            district_code: district.code,
            district_name: district.name,
            street_code: street.code,
            street_name: street.name,
            street_kind: street.kind,
            community_code: community.code,
            community_name: community.name,
            community_kind: community.kind,
            grid_code: `${community.code}G${pad(g, grids > 9 ? 2 : 1)}`,
            grid_name: gridName(g),
            population: draw(rng, urban ? o.urbanGridPopulation : o.ruralGridPopulation),
          });
        }
      }
    }
  }
  return rows;
}

/** A count drawn uniformly from its range (or the fixed count). */
function draw(rng: Random, count: Count): number {
  return typeof count === 'number' ? count : rng.int(count[0], count[1]);
}

/** A number with leading zeros to the width (wider numbers are kept whole). */
function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
