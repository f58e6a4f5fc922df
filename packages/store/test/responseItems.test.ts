import type { Instrument } from '@manyi/domain/instrument';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveCampaign, saveInstrument, setCampaignState } from '../src/campaigns.ts';
import { decideResponse } from '../src/exclusions.ts';
import { itemRow } from '../src/itemRow.ts';
import { itemColumn, itemColumns, responseItemsOfAnswersSql } from '../src/responseItemColumns.ts';
import type { NewResponse } from '../src/ResponseWriter.ts';
import { openStore, type Store } from '../src/Store.ts';
import { newResponse } from './newResponse.ts';

const rating = (name: string) => ({
  type: 'rating',
  name,
  rateValues: [1, 2, 3, 4, 5, { value: 0, text: '不了解' }],
});

/**
 * Three scored items, the middle one bound twice (a dimension and a single question), a comment,
 * and two figures: a number asked for itself and a scored item asked as a figure too.
 */
const instrument: Instrument = {
  name: 'resident',
  title: '居民满意度调查',
  survey: {
    pages: [
      {
        elements: [
          rating('q1'),
          rating('q2'),
          rating('q3'),
          { type: 'text', name: 'n1', inputType: 'number' },
          { type: 'comment', name: 'note' },
        ],
      },
    ],
  },
  dimensions: [
    { code: 'env', name: '环境', weight: 0.5 },
    { code: 'safety', name: '安全', weight: 0.5 },
  ],
  items: [
    { question: 'q1', dimension: 'env', min: 1, max: 5, notApplicable: [0, '不了解'] },
    { question: 'q2', dimension: 'env', min: 1, max: 5, notApplicable: [0, '不了解'] },
    { question: 'q3', dimension: 'safety', min: 1, max: 5, notApplicable: [0, '不了解'] },
    { question: 'q2', dimension: 'safety', min: 1, max: 5, notApplicable: [0, '不了解'] },
  ],
  // by name: calls (q3) in v5, visits (n1) in v6
  figures: { visits: 'n1', calls: 'q3' },
};

/** The 2026 campaign, open, with the instrument above. */
async function openCampaign(on: Store): Promise<void> {
  await saveCampaign(on, {
    year: 2026,
    title: '2026',
    opensAt: null,
    closesAt: null,
    state: 'draft',
  });
  await saveInstrument(on, 2026, instrument);
  await setCampaignState(on, 2026, 'open');
}

let store: Store;
beforeEach(async () => {
  store = await openStore({ path: ':memory:', commitDelayMs: 1 });
  await openCampaign(store);
});
afterEach(() => store.close());

/** A response with these long answers (a number, a 不了解 as text, or a comment). */
const answering = (clientId: string, long: NewResponse['long']): NewResponse => ({
  ...newResponse(clientId),
  answers: Object.fromEntries(long.map((a) => [a.question, a.value ?? a.text])),
  long,
});

const responses = [
  answering('all', [
    { question: 'q1', value: 5, text: null },
    { question: 'q2', value: 2, text: null },
    { question: 'q3', value: 4, text: null },
    { question: 'n1', value: 7, text: null },
  ]),
  answering('some', [
    { question: 'q1', value: 0, text: null },
    { question: 'q3', value: null, text: '不了解' },
    { question: 'note', value: null, text: '路灯坏了' },
  ]),
  answering('none', [{ question: 'note', value: null, text: '无' }]),
];

const rowsOf = (sql: string) =>
  store.query<Record<string, unknown>>(`SELECT * FROM (${sql}) ORDER BY response_id`);

describe('response_items', () => {
  it('holds each response once, its answers in the columns of its instrument’s items, then of its figures', async () => {
    const stored = await Promise.all(responses.map((r) => store.responses.submit(r)));
    const rows = await rowsOf(
      `SELECT r.client_id AS response_id, i.subject_code, i.grid_code, i.answered,
              [i.v1, i.v2, i.v3, i.v4] AS items, [i.v5, i.v6, i.v7] AS figures
       FROM response_items i JOIN responses r ON r.id = i.response_id`,
    );
    const where = { subject_code: 'C1', grid_code: 'C1G1' };
    // answered counts the items alone: a figure that is an item too is counted as the item
    expect(rows).toEqual([
      { response_id: 'all', ...where, answered: 4, items: [5, 2, 4, 2], figures: [4, 7, null] },
      {
        response_id: 'none',
        ...where,
        answered: 0,
        items: [null, null, null, null],
        figures: [null, null, null],
      },
      {
        response_id: 'some',
        ...where,
        answered: 2,
        items: [0, null, null, null],
        figures: [null, null, null],
      },
    ]);
    expect(new Set(stored.map((s) => s.id)).size).toBe(3);
  });

  it('are the rows the long answers give, by the submission, the import and the migration alike', async () => {
    await Promise.all(responses.map((r) => store.responses.submit(r)));
    await store.responses.appendAll(
      responses.map((r) => ({ ...r, clientId: `paper-${r.clientId}`, source: 'paper' as const })),
    );
    const written = await rowsOf('SELECT * FROM response_items');
    expect(written).toHaveLength(6);
    expect(written).toEqual(await rowsOf(responseItemsOfAnswersSql));
  });

  it('keeps the valid ones in valid_response_items, as valid_responses keeps their responses', async () => {
    const stored = await Promise.all(responses.map((r) => store.responses.submit(r)));
    await decideResponse(
      store,
      { year: 2026, responseId: stored[1]!.id, action: 'exclude', reason: '重复提交' },
      { via: 'api', userId: 'u-1', username: 'kpb', role: 'evaluator' },
    );
    const ids = async (view: string, column: string) =>
      (await store.query<{ id: string }>(`SELECT ${column} AS id FROM ${view} ORDER BY 1`)).map(
        (r) => r.id,
      );
    const valid = await ids('valid_response_items', 'response_id');
    expect(valid).toHaveLength(2);
    expect(valid).not.toContain(stored[1]!.id);
    expect(valid).toEqual(await ids('valid_responses', 'id'));
  });

  it('fills the figures’ columns of the rows stored before them, once, from the long answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manyi-items-'));
    const path = join(dir, 'store.duckdb');
    let file = await openStore({ path, commitDelayMs: 1 });
    await openCampaign(file);
    await Promise.all(responses.map((r) => file.responses.submit(r)));
    const written = await file.query('SELECT * FROM response_items ORDER BY response_id');
    // as a file of migration 7 holds them: the figures' columns empty, migration 8 to come
    await file.transaction(async (db) => {
      await db.run('UPDATE response_items SET v5 = NULL, v6 = NULL');
      await db.run('DELETE FROM schema_migrations WHERE version = 8');
    });
    expect(
      await file.query('SELECT count(*) AS n FROM response_items WHERE v6 IS NOT NULL'),
    ).toEqual([{ n: 0n }]);
    await file.close();
    file = await openStore({ path });
    try {
      expect(await file.query('SELECT * FROM response_items ORDER BY response_id')).toEqual(
        written,
      );
    } finally {
      await file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the items of an instrument it does not know empty', async () => {
    const other = { ...responses[0]!, instrument: 'street_to_community', clientId: 'other' };
    await store.responses.submit(other);
    const [row] = await store.query<{ answered: number; v1: number | null }>(
      'SELECT answered, v1 FROM response_items',
    );
    expect(row).toEqual({ answered: 0, v1: null });
  });
});

describe('itemRow and itemColumn', () => {
  it('places answers by item position and names 64 columns', () => {
    const row = itemRow([{ question: 'q2', value: 4, text: null }], {
      questions: ['q1', 'q2', 'q2'],
      items: 3,
    });
    expect(row.answered).toBe(2);
    expect(row.values.slice(0, 4)).toEqual([null, 4, 4, null]);
    expect(row.values).toHaveLength(64);
    expect(itemColumns[63]).toBe('v64');
    expect(() => itemColumn(0)).toThrow(RangeError);
    expect(() => itemColumn(65)).toThrow(RangeError);
  });
});
