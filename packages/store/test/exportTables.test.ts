import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportRegions, exportResponses, responsesTable } from '../src/exportTables.ts';
import { importRegions } from '../src/importRegions.ts';
import { importResponses } from '../src/importResponses.ts';
import { listUnits } from '../src/regions.ts';
import { openStore, type Store } from '../src/Store.ts';
import { readTableFile, writeTableFile } from '../src/tableFile.ts';
import {
  importStore,
  regionTable,
  residentColumns,
  residentRow,
  tempDir,
} from './importFixture.ts';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
const track = (store: Store) => (stores.push(store), store);

/** Responses and their long answers, without generated ids, in a stable order. */
async function storedResponses(store: Store) {
  return store.query(
    `SELECT r.client_id, r.year, r.instrument, r.subject_code, r.rater_code, r.grid_code, r.source, r.started_at,
            r.submitted_at, r.answers,
            (SELECT list({ question: a.question, value: a.value, text: a.text } ORDER BY a.question)
             FROM answers a WHERE a.response_id = r.id) AS long
     FROM responses r ORDER BY r.client_id`,
  );
}

const c2sQuestions = [
  'sup_guidance',
  'sup_coordination',
  'sup_funding',
  'sup_care',
  'burden_inspections',
  'burden_meetings',
  'burden_access',
  'burden_paperwork',
  'burden_certificates',
  'burden_systems',
  'style_respect',
  'style_efficiency',
  'style_grassroots',
  'suggestion',
];
const s2cQuestions = [
  'serve_response',
  'serve_services',
  'serve_contact',
  'gov_selfgov',
  'gov_disputes',
  'gov_safety',
  'task_assist',
  'task_key',
  'task_opinion',
  'suggestion',
];
const fixed = [
  'response_id',
  'campaign_year',
  'instrument',
  'community_code',
  'grid_code',
  'submitted_at',
];

/** A store holding responses to all three instruments, imported the way paper questionnaires are. */
async function storeWithResponses() {
  const store = track(await importStore());
  await importResponses(
    store,
    {
      columns: residentColumns,
      rows: [
        residentRow('R-1'),
        residentRow('R-2', {
          community_code: '010102',
          grid_code: '',
          topics: '',
          years: '0',
          registered: '',
          suggestion: '说"好",\n换行',
        }),
        residentRow('R-3', {
          community_code: '010201',
          grid_code: '01020101',
          submitted_at: '2026-11-20T09:30:00.250Z',
          clean: '1',
          age: '18-39',
        }),
      ],
      rowNumbers: [2, 3, 4],
    },
    { year: 2026, instrument: 'resident' },
  );
  await importResponses(
    store,
    {
      columns: [...fixed, ...c2sQuestions],
      rows: ['010101', '010102'].map((c, i) => [
        `C2S-${i}`,
        '2026',
        'community_to_street',
        c,
        '',
        '2026-12-01',
        ...c2sQuestions.map((q) => (q === 'suggestion' ? '' : String(2 + i))),
      ]),
      rowNumbers: [2, 3],
    },
    { year: 2026, instrument: 'community_to_street' },
  );
  await importResponses(
    store,
    {
      columns: [...fixed, ...s2cQuestions],
      rows: [
        [
          'S2C-0',
          '2026',
          'street_to_community',
          '010201',
          '',
          '2026-12-02 16:45:10',
          ...s2cQuestions.map((q) => (q === 'suggestion' ? '建议' : '5')),
        ],
      ],
      rowNumbers: [2],
    },
    { year: 2026, instrument: 'street_to_community' },
  );
  return store;
}

describe('export → import round trip', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`gives the same region tree through ${format}`, async () => {
      const first = track(await openStore({ path: ':memory:' }));
      await importRegions(first, { ...regionTable(), rowNumbers: [2, 3, 4, 5] });
      const path = join(tempDir(), `regions.${format}`);
      expect(await exportRegions(first, path)).toBe(4);
      expect(await readTableFile(path)).toMatchObject(regionTable());
      const second = track(await openStore({ path: ':memory:' }));
      await importRegions(second, await readTableFile(path));
      expect(await listUnits(second)).toEqual(await listUnits(first));
    });

    it(`gives the same responses and long answers through ${format}`, async () => {
      const first = await storeWithResponses();
      const second = track(await importStore());
      const dir = tempDir();
      for (const instrument of [
        'resident',
        'community_to_street',
        'street_to_community',
      ] as const) {
        const path = join(dir, `${instrument}.${format}`);
        await exportResponses(first, path, 2026, instrument);
        await importResponses(second, await readTableFile(path), { year: 2026, instrument });
      }
      const expected = await storedResponses(first);
      expect(expected).toHaveLength(6);
      expect(await storedResponses(second)).toEqual(expected);
    });
  }

  it('exports question columns in the instrument order, checkbox joined with ;, Beijing time', async () => {
    const store = await storeWithResponses();
    const table = await responsesTable(store, 2026, 'resident');
    expect(table.columns).toEqual(residentColumns);
    expect(table.rows.map((r) => r[0])).toEqual(['R-1', 'R-2', 'R-3']);
    expect(table.rows[2]).toEqual([
      'R-3',
      '2026',
      'resident',
      '010201',
      '01020101',
      '2026-11-20T17:30:00.250+08:00',
      '4',
      '1',
      '环境;治安',
      '12',
      'true',
      '18-39',
      '多装路灯, "亮一点"',
    ]);
    expect(
      (await responsesTable(store, 2026, 'community_to_street')).rows.map((r) => r.slice(0, 6)),
    ).toEqual([
      ['C2S-0', '2026', 'community_to_street', '010101', '', '2026-12-01T00:00:00+08:00'],
      ['C2S-1', '2026', 'community_to_street', '010102', '', '2026-12-01T00:00:00+08:00'],
    ]);
  });

  it('exports the snapshot a campaign took, not the tree as it is now', async () => {
    const store = await storeWithResponses();
    await importRegions(store, {
      ...regionTable(),
      rows: regionTable().rows.slice(0, 1),
      rowNumbers: [2],
    });
    const dir = tempDir();
    expect(await exportRegions(store, join(dir, 'now.csv'))).toBe(1);
    expect(await exportRegions(store, join(dir, 'y2026.xlsx'), 2026)).toBe(4);
    await writeTableFile(join(dir, 'again.csv'), await readTableFile(join(dir, 'y2026.xlsx')));
    expect(await readTableFile(join(dir, 'again.csv'))).toMatchObject(regionTable());
  });
});
