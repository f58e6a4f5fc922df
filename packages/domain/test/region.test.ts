import { describe, expect, it } from 'vitest';
import {
  RegionConflictError,
  regionRowSchema,
  unitsFromRegionRows,
  type RegionRow,
} from '../src/region.ts';

const row = (over: Partial<RegionRow> = {}): RegionRow => ({
  district_code: 'D1',
  district_name: '东区',
  street_code: 'S1',
  street_name: '东街道',
  street_kind: '街道',
  community_code: 'C1',
  community_name: '幸福社区',
  community_kind: 'urban',
  grid_code: 'G1',
  grid_name: '一网格',
  population: 100,
  ...over,
});

describe('unitsFromRegionRows', () => {
  it('builds the tree once per code, summing grid populations upwards', () => {
    const units = unitsFromRegionRows([row(), row({ grid_code: 'G2', population: 50 })]);
    expect(units.map((u) => [u.code, u.level, u.parentCode, u.population])).toEqual([
      ['D1', 'district', null, 150],
      ['S1', 'street', 'D1', 150],
      ['C1', 'community', 'S1', 150],
      ['G1', 'grid', 'C1', 100],
      ['G2', 'grid', 'C1', 50],
    ]);
  });
  it('refuses a code reused with another name, with its row', () => {
    expect(() =>
      unitsFromRegionRows([row(), row({ grid_code: 'G2', community_name: '别名社区' })]),
    ).toThrow(RegionConflictError);
    expect(() =>
      unitsFromRegionRows([row(), row({ grid_code: 'G2', community_name: '别名社区' })]),
    ).toThrow(/第 2 行.*row 2/);
  });
  it('reads an empty population cell as unknown, not 0', () => {
    expect(regionRowSchema.parse({ ...row(), population: '' }).population).toBeNull();
    expect(regionRowSchema.parse({ ...row(), population: '12' }).population).toBe(12);
  });
  it('checks kinds and codes of a row', () => {
    expect(regionRowSchema.safeParse(row({ street_kind: '镇' as never })).success).toBe(false);
    expect(regionRowSchema.safeParse(row({ grid_code: 'G 1' })).success).toBe(false);
  });
});
