import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignState } from '@manyi/domain/campaign';
import type { Instrument } from '@manyi/domain/instrument';
import { lifecyclePath } from '@manyi/domain/lifecycle';
import { regionColumns, unitsFromRegionRows, type RegionRow } from '@manyi/domain/region';
import { saveCampaign, saveInstrument, setCampaignState } from '../src/campaigns.ts';
import { replaceRegions } from '../src/regions.ts';
import { openStore, type Store } from '../src/Store.ts';
import type { Table } from '../src/tableFile.ts';

/** A resident form with one question of each kind a sheet must carry (codes and choices as text). */
export const residentInstrument: Instrument = {
  name: 'resident',
  title: '测试问卷',
  survey: {
    pages: [
      {
        elements: [
          { type: 'html', name: 'intro', html: '<p>您好</p>' },
          { type: 'rating', name: 'overall', isRequired: true, rateMin: 1, rateMax: 5 },
          {
            type: 'radiogroup',
            name: 'clean',
            isRequired: true,
            choices: [5, 4, 3, 2, 1, 'na'].map((value) => ({ value, text: String(value) })),
          },
          { type: 'checkbox', name: 'topics', choices: ['环境', '治安', '服务'] },
          { type: 'text', name: 'years', inputType: 'number', min: 0, max: 100 },
          { type: 'boolean', name: 'registered' },
          { type: 'dropdown', name: 'age', choices: ['18-39', '40-59', '60+'] },
          { type: 'comment', name: 'suggestion', maxLength: 50 },
        ],
      },
    ],
  },
  dimensions: [{ code: 'env', name: '环境', weight: 1 }],
  items: [
    { question: 'overall', dimension: 'env', min: 1, max: 5, notApplicable: [] },
    { question: 'clean', dimension: 'env', min: 1, max: 5, notApplicable: ['na'] },
  ],
  figures: {},
};

/** The repository's two-way forms. */
export const twoWayInstruments = ['community_to_street', 'street_to_community'].map(
  (name) =>
    JSON.parse(
      readFileSync(new URL(`../../../data/instruments/${name}.json`, import.meta.url), 'utf8'),
    ) as Instrument,
);

const row = (
  street: [string, string, '街道' | '乡镇'],
  community: [string, string, 'urban' | 'rural'],
  grid: string,
  population: number | null,
): RegionRow => ({
  district_code: '01',
  district_name: '东区',
  street_code: street[0],
  street_name: street[1],
  street_kind: street[2],
  community_code: community[0],
  community_name: community[1],
  community_kind: community[2],
  grid_code: grid,
  grid_name: `${grid}网格`,
  population,
});

/** Codes with leading zeros: 010101 has two grids, 010102 one; 010201 is a village of a township. */
export const testRegion: RegionRow[] = [
  row(['0101', '东街道', '街道'], ['010101', '幸福社区', 'urban'], '01010101', 500),
  row(['0101', '东街道', '街道'], ['010101', '幸福社区', 'urban'], '01010102', 300),
  row(['0101', '东街道', '街道'], ['010102', '和平社区', 'urban'], '01010201', null),
  row(['0102', '东镇', '乡镇'], ['010201', '柳村', 'rural'], '01020101', 800),
];

/** The test region as a table of text cells. */
export function regionTable(rows: readonly RegionRow[] = testRegion): Table {
  return {
    columns: [...regionColumns],
    rows: rows.map((r) => regionColumns.map((c) => (r[c] === null ? '' : String(r[c])))),
  };
}

/**
 * A store (`:memory:` unless a path is given) with the test region and a 2026 campaign in
 * `state` (its snapshot taken when it opened), holding the resident and two-way instruments.
 */
export async function importStore(
  path = ':memory:',
  state: CampaignState = 'open',
): Promise<Store> {
  const store = await openStore({ path });
  await replaceRegions(store, unitsFromRegionRows(testRegion));
  await saveCampaign(store, {
    year: 2026,
    title: '2026年度测评',
    opensAt: null,
    closesAt: null,
    state: 'draft',
  });
  for (const instrument of [residentInstrument, ...twoWayInstruments])
    await saveInstrument(store, 2026, instrument);
  for (const step of lifecyclePath(state)) await setCampaignState(store, 2026, step);
  return store;
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'manyi-import-'));
}

/** The resident sheet's columns. */
export const residentColumns = [
  'response_id',
  'campaign_year',
  'instrument',
  'community_code',
  'grid_code',
  'submitted_at',
  'overall',
  'clean',
  'topics',
  'years',
  'registered',
  'age',
  'suggestion',
];

/** A good resident row, with cells overridden by column name. */
export function residentRow(id: string, over: Record<string, string> = {}): string[] {
  const cells: Record<string, string> = {
    response_id: id,
    campaign_year: '2026',
    instrument: 'resident',
    community_code: '010101',
    grid_code: '01010102',
    submitted_at: '2026-11-20 09:30',
    overall: '4',
    clean: 'na',
    topics: '环境;治安',
    years: '12',
    registered: '是',
    age: '60+',
    suggestion: '多装路灯, "亮一点"',
    ...over,
  };
  return residentColumns.map((c) => cells[c]!);
}
