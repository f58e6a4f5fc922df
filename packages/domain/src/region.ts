import { z } from 'zod';

/** The four levels of the region tree: 区/县 → 街道/乡镇 → 社区/村 → 网格. */
export const unitLevels = ['district', 'street', 'community', 'grid'] as const;
export type UnitLevel = (typeof unitLevels)[number];

/** 街道 (urban sub-district) or 乡镇 (township). */
export const streetKinds = ['街道', '乡镇'] as const;
export type StreetKind = (typeof streetKinds)[number];

/** 社区 is urban, 村 is rural: ranked apart (城乡统筹). */
export const communityKinds = ['urban', 'rural'] as const;
export type CommunityKind = (typeof communityKinds)[number];

const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(
    /^[A-Za-z0-9_-]+$/,
    '编码只能包含字母、数字、-、_ / code may hold only letters, digits, - and _',
  );

/** One unit of the region tree. `kind` is a StreetKind for streets, a CommunityKind for communities. */
export const unitSchema = z.object({
  code,
  name: z.string().trim().min(1).max(100),
  level: z.enum(unitLevels),
  kind: z.string().nullable(),
  parentCode: code.nullable(),
  population: z.number().int().nonnegative().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

/** A row of the regions CSV/XLSX of PRODUCT.md: one grid with its ancestors. */
export const regionRowSchema = z.object({
  district_code: code,
  district_name: z.string().trim().min(1).max(100),
  street_code: code,
  street_name: z.string().trim().min(1).max(100),
  street_kind: z.enum(streetKinds),
  community_code: code,
  community_name: z.string().trim().min(1).max(100),
  community_kind: z.enum(communityKinds),
  grid_code: code,
  grid_name: z.string().trim().min(1).max(100),
  /** An empty cell is unknown (null), not 0. */
  population: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce.number().int().nonnegative().nullable(),
  ),
});
export type RegionRow = z.infer<typeof regionRowSchema>;
export const regionColumns = Object.keys(regionRowSchema.shape) as (keyof RegionRow)[];

/** A community as the public sees it (`GET /communities`). */
export interface CommunitySummary {
  code: string;
  name: string;
  kind: CommunityKind;
  streetCode: string;
  streetName: string;
  districtCode: string;
  districtName: string;
}

/**
 * Flattens region rows (one per grid) into units, checking that every code keeps one name,
 * one parent and one kind across rows. Street and community populations are the sums of
 * their grids'; a unit whose grids have no population has none.
 *
 * @example unitsFromRegionRows(rows) // → [{ code: 'D01', level: 'district', ... }, ...]
 */
export function unitsFromRegionRows(rows: readonly RegionRow[]): Unit[] {
  const units = new Map<string, Unit>();
  const put = (unit: Unit, row: number) => {
    const seen = units.get(unit.code);
    if (!seen) return void units.set(unit.code, { ...unit });
    if (
      seen.level !== unit.level ||
      seen.name !== unit.name ||
      seen.parentCode !== unit.parentCode ||
      seen.kind !== unit.kind
    )
      throw new RegionConflictError(unit.code, row);
    if (unit.level !== 'grid' && unit.population !== null)
      seen.population = (seen.population ?? 0) + unit.population;
  };
  rows.forEach((r, i) => {
    put(
      {
        code: r.district_code,
        name: r.district_name,
        level: 'district',
        kind: null,
        parentCode: null,
        population: r.population,
      },
      i,
    );
    put(
      {
        code: r.street_code,
        name: r.street_name,
        level: 'street',
        kind: r.street_kind,
        parentCode: r.district_code,
        population: r.population,
      },
      i,
    );
    put(
      {
        code: r.community_code,
        name: r.community_name,
        level: 'community',
        kind: r.community_kind,
        parentCode: r.street_code,
        population: r.population,
      },
      i,
    );
    put(
      {
        code: r.grid_code,
        name: r.grid_name,
        level: 'grid',
        kind: null,
        parentCode: r.community_code,
        population: r.population,
      },
      i,
    );
  });
  return [...units.values()];
}

/** A code used twice with different names, parents or kinds. `row` is 0-based in the input. */
export class RegionConflictError extends Error {
  constructor(
    readonly code: string,
    readonly row: number,
  ) {
    super(
      `第 ${row + 1} 行:编码 ${code} 与前面的行名称、上级或类型不一致 / row ${row + 1}: code ${code} conflicts with an earlier row (name, parent or kind)`,
    );
  }
}
