import type { CommunityKind, RegionRow, StreetKind } from '@manyi/domain/region';

/** A grid and its population (null where unknown). */
export interface GridNode {
  code: string;
  population: number | null;
}

/** A community or village with its grids. */
export interface CommunityNode {
  code: string;
  name: string;
  kind: CommunityKind;
  streetCode: string;
  grids: GridNode[];
}

/** A street or township with its communities. */
export interface StreetNode {
  code: string;
  name: string;
  kind: StreetKind;
  districtCode: string;
  communities: CommunityNode[];
}

/**
 * Streets with their communities and grids, in the order they first appear in the rows (rows
 * need not be sorted).
 */
export function regionTree(rows: readonly RegionRow[]): StreetNode[] {
  const streets = new Map<string, StreetNode>();
  const communities = new Map<string, CommunityNode>();
  for (const row of rows) {
    let street = streets.get(row.street_code);
    if (!street) {
      street = {
        code: row.street_code,
        name: row.street_name,
        kind: row.street_kind,
        districtCode: row.district_code,
        communities: [],
      };
      streets.set(street.code, street);
    }
    let community = communities.get(row.community_code);
    if (!community) {
      community = {
        code: row.community_code,
        name: row.community_name,
        kind: row.community_kind,
        streetCode: row.street_code,
        grids: [],
      };
      communities.set(community.code, community);
      street.communities.push(community);
    }
    community.grids.push({ code: row.grid_code, population: row.population });
  }
  return [...streets.values()];
}

/** A grid's weight in its community: its population, or 1 where none is known (PRODUCT.md). */
export function gridWeight(grid: GridNode): number {
  return grid.population ?? 1;
}
