import type { Instrument } from '@manyi/domain/instrument';
import { unitsFromRegionRows, type RegionRow } from '@manyi/domain/region';
import { saveCampaign, saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import { replaceRegions } from '@manyi/store/regions';
import type { ResponseWriterOptions } from '@manyi/store/ResponseWriter';
import { openStore, type Store } from '@manyi/store/Store';
import { scratchDatabase, scratchStorePath } from '@manyi/store/testing/scratchStore';

/** A small form with one question of each kind the server checks. */
export const testInstrument: Instrument = {
  name: 'resident',
  title: '测试问卷',
  survey: {
    pages: [
      {
        elements: [
          { type: 'html', name: 'hello', html: '<p>您好!</p>' },
          {
            type: 'rating',
            name: 'overall',
            isRequired: true,
            rateMin: 1,
            rateMax: 5,
            displayMode: 'buttons',
          },
          {
            type: 'radiogroup',
            name: 'clean',
            isRequired: true,
            choices: [
              { value: 5, text: '非常满意' },
              { value: 4, text: '满意' },
              { value: 3, text: '一般' },
              { value: 2, text: '不满意' },
              { value: 1, text: '非常不满意' },
              { value: 'na', text: '不了解' },
            ],
          },
          { type: 'checkbox', name: 'topics', choices: ['环境', '治安', '服务'] },
          { type: 'text', name: 'years', inputType: 'number', min: 0, max: 100 },
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

const row = (community: string, grid: string, population: number): RegionRow => ({
  district_code: 'D1',
  district_name: '东区',
  street_code: 'S1',
  street_name: '东街道',
  street_kind: '街道',
  community_code: community,
  community_name: `${community}社区`,
  community_kind: 'urban',
  grid_code: grid,
  grid_name: `${grid}网格`,
  population,
});

/** Two communities: C1 with two grids, C2 with one. */
export const testRegion: RegionRow[] = [
  row('C1', 'C1G1', 500),
  row('C1', 'C1G2', 300),
  row('C2', 'C2G1', 800),
];

/** A fresh store (`:memory:` unless a path is given) with the test region and an open 2026 campaign. */
export async function testStore(
  path = scratchStorePath(),
  state: 'open' | 'draft' = 'open',
  writer: ResponseWriterOptions = {},
): Promise<Store> {
  const store = await openStore({ path, ...writer });
  await replaceRegions(store, unitsFromRegionRows(testRegion));
  await saveCampaign(store, {
    year: 2026,
    title: '2026年度测评',
    opensAt: null,
    closesAt: null,
    state: 'draft',
  });
  await saveInstrument(store, 2026, testInstrument);
  if (state === 'open') await setCampaignState(store, 2026, 'open');
  return store;
}

/** A database that outlives its process: a temporary DuckDB file, or a PostgreSQL database. */
export const tempDatabase = scratchDatabase;

/** A valid submission for C1. */
export function validSubmission(submissionId: string = crypto.randomUUID()) {
  return {
    submissionId,
    community: 'C1',
    answers: {
      grid: 'C1G2',
      overall: 4,
      clean: 'na',
      topics: ['环境'],
      years: 12,
      suggestion: '多装路灯',
    },
    startedAt: '2026-11-20T09:00:00+08:00',
  };
}
