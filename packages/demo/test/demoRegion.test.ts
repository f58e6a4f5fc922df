import { readFileSync } from 'node:fs';
import {
  regionColumns,
  regionRowSchema,
  unitsFromRegionRows,
  type RegionRow,
} from '@manyi/domain/region';
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../src/demoRegion.ts';
import { demoRegionsCsvPath, formatRegionsCsv } from '../src/regionsCsv.ts';

const demo = generateRegion();
const distinct = (rows: readonly RegionRow[], column: keyof RegionRow) =>
  new Set(rows.map((r) => r[column])).size;

describe('the demo region (示范市)', () => {
  it('is committed as data/demo/regions.csv, exactly as generated', () => {
    // On failure: npx tsx packages/demo/src/writeDemoFiles.ts
    expect(readFileSync(demoRegionsCsvPath, 'utf8')).toBe(formatRegionsCsv(demo));
  });

  it('reads back from the CSV into units', () => {
    const [header, ...lines] = readFileSync(demoRegionsCsvPath, 'utf8').trimEnd().split('\n');
    expect(header).toBe(regionColumns.join(','));
    const rows = lines.map((line) => {
      const cells = line.split(',');
      expect(cells).toHaveLength(regionColumns.length);
      return regionRowSchema.parse(Object.fromEntries(regionColumns.map((c, i) => [c, cells[i]])));
    });
    expect(rows).toEqual(demo);
    const units = unitsFromRegionRows(rows);
    const count = (level: string) => units.filter((u) => u.level === level).length;
    expect(count('district')).toBe(5);
    expect(count('street')).toBe(distinct(demo, 'street_code'));
    expect(count('grid')).toBe(demo.length);
  });

  it('has the size and mix the demo needs', () => {
    expect([...new Set(demo.map((r) => r.district_name))]).toEqual([
      '东城区',
      '西湖区',
      '南山区',
      '北川县',
      '云溪县',
    ]);
    expect(distinct(demo, 'street_code')).toBeGreaterThanOrEqual(24);
    expect(distinct(demo, 'community_code')).toBeGreaterThanOrEqual(220);
    const streets = new Map(demo.map((r) => [r.street_code, r]));
    const kinds = [...streets.values()].map((r) => r.street_kind);
    expect(kinds.filter((k) => k === '街道').length).toBeGreaterThan(5);
    expect(kinds.filter((k) => k === '乡镇').length).toBeGreaterThan(5);
    const communities = new Map(demo.map((r) => [r.community_code, r]));
    const villages = [...communities.values()].filter((r) => r.community_kind === 'rural');
    expect(villages.length).toBeGreaterThan(40);
    expect(villages.every((r) => r.street_kind === '乡镇' && r.community_name.endsWith('村'))).toBe(
      true,
    );
    const urban = [...communities.values()].filter((r) => r.community_kind === 'urban');
    expect(urban.every((r) => r.community_name.endsWith('社区'))).toBe(true);
    // Community and street names are unique across the demo city.
    expect(new Set(urban.concat(villages).map((r) => r.community_name)).size).toBe(
      communities.size,
    );
    expect(new Set([...streets.values()].map((r) => r.street_name)).size).toBe(streets.size);
  });

  it('gives every community 2–6 grids of 300–3000 residents, with ASCII codes', () => {
    const grids = new Map<string, number>();
    for (const r of demo) grids.set(r.community_code, (grids.get(r.community_code) ?? 0) + 1);
    expect(Math.min(...grids.values())).toBeGreaterThanOrEqual(2);
    expect(Math.max(...grids.values())).toBeLessThanOrEqual(6);
    expect(demo.every((r) => r.population! >= 300 && r.population! <= 3000)).toBe(true);
    expect(demo[0]).toMatchObject({
      district_code: 'D01',
      street_code: 'D01S01',
      community_code: 'D01S01C01',
      grid_code: 'D01S01C01G1',
      grid_name: '第一网格',
    });
    expect(
      demo.every(
        (r) => /^D\d\dS\d\dC\d\dG\d$/.test(r.grid_code) && r.grid_code.startsWith(r.community_code),
      ),
    ).toBe(true);
  });

  it('is deterministic in its seed', () => {
    expect(generateRegion()).toEqual(demo);
    expect(generateRegion({ seed: 2 })).not.toEqual(demo);
  });

  it('scales to a province of ~20,000 communities', () => {
    const province = generateRegion({
      seed: 7,
      districts: 120,
      streetsPerDistrict: [10, 14],
      communitiesPerStreet: [12, 16],
      districtNames: [],
      uniqueNamesAcross: 'district',
    });
    const communities = distinct(province, 'community_code');
    expect(communities).toBeGreaterThan(18_000);
    expect(communities).toBeLessThan(23_000);
    expect(province[0]!.grid_code).toBe('D001S01C01G1');
    expect(() => unitsFromRegionRows(province)).not.toThrow();
    // Names stay unique within each district, numbered where the pools run out (柳河二村).
    const perDistrict = new Set(province.map((r) => `${r.district_code}/${r.community_name}`));
    expect(perDistrict.size).toBe(communities);
  });
});
