import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@manyi/domain/user';
import { listAudit } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import { questionColumns, responseFixedColumns } from '@manyi/store/responseTable';
import type { Store } from '@manyi/store/Store';
import { tableBytes } from '@manyi/store/tableFile';
import { testInstrument } from '../../../test/fixture.ts';
import { appOn, origin, peopleStore, signIn, type AccountName } from '../../../test/people.ts';
import { tableMediaTypes } from './index.ts';

const columns = [...responseFixedColumns, ...questionColumns(testInstrument).map((q) => q.name)];

/** A sheet row of the test form: id, community, grid, then overall and clean. */
const row = (id: string, community: string, grid: string, overall = '4', clean = '5') => {
  const cells: Record<string, string> = {
    response_id: id,
    campaign_year: '2026',
    instrument: 'resident',
    community_code: community,
    grid_code: grid,
    submitted_at: '2026-11-20 09:30',
    overall,
    clean,
  };
  return columns.map((c) => cells[c] ?? '');
};

/** A CSV file of these rows under the header. */
const csv = (...rows: string[][]) =>
  [columns, ...rows].map((cells) => cells.join(',')).join('\r\n') + '\r\n';

let store: Store;
let users: Record<AccountName, User>;
let app: ReturnType<typeof appOn>;
const cookies: Partial<Record<AccountName, string>> = {};

beforeAll(async () => {
  ({ store, users } = await peopleStore());
  app = appOn(store);
  for (const name of ['city', 'east', 'boss'] as const) cookies[name] = await signIn(app, name);
});
afterAll(() => store.close());

/** Uploads a file as the evaluator page does: the raw bytes, its type, its name. */
function upload(
  who: AccountName,
  body: string | Uint8Array<ArrayBuffer>,
  type: string = tableMediaTypes.csv,
  query = '?instrument=resident',
) {
  return app.request(`/api/v1/imports/2026/responses${query}`, {
    method: 'POST',
    headers: {
      origin,
      cookie: cookies[who]!,
      'content-type': type,
      'x-file-name': encodeURIComponent('纸质问卷.csv'),
    },
    body,
  });
}

const stored = async () =>
  (await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM responses'))[0]!.n;

describe('POST /api/v1/imports/:year/responses', () => {
  it('imports a good CSV and logs the count and file name, never the answers', async () => {
    const res = await upload('city', csv(row('p-001', 'C1', 'C1G1'), row('p-002', 'C3', '')));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 2, communities: 2 });
    const sources = await store.query<{ source: string }>(
      "SELECT DISTINCT source FROM responses WHERE client_id LIKE 'p-%'",
    );
    expect(sources).toEqual([{ source: 'paper' }]);
    const [entry] = await listAudit(store, { action: 'responses.import' });
    expect(entry).toMatchObject({
      actor: { userId: users.city.id, username: 'city' },
      target: 'campaign:2026',
      year: 2026,
      after: { responses: 2, communities: 2, instrument: 'resident', file: '纸质问卷.csv' },
    });
    expect(JSON.stringify(entry)).not.toContain('overall');
  });

  it('imports an XLSX file the same way', async () => {
    const bytes = await tableBytes({ columns, rows: [row('x-001', 'C2', 'C2G1')] }, 'xlsx');
    const res = await upload('city', new Uint8Array(bytes), tableMediaTypes.xlsx);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 1, communities: 1 });
  });

  it('lists every bad row with its row number and imports nothing', async () => {
    const before = await stored();
    const res = await upload(
      'city',
      csv(
        row('b-001', 'C1', 'C1G1'),
        row('b-002', 'C1', 'C1G1', '9'),
        row('b-003', 'C9', ''),
        row('p-001', 'C1', 'C1G1'),
      ),
    );
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as {
      errors: { row: number; field: string; message: string }[];
    };
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'overall'],
      [4, 'community_code'],
      [5, 'response_id'],
    ]);
    expect(errors.every((e) => / \/ /.test(e.message))).toBe(true);
    expect(await stored()).toBe(before);
  });

  it("refuses a district evaluator's file naming the rows outside its region", async () => {
    const before = await stored();
    const res = await upload('east', csv(row('e-001', 'C1', 'C1G1'), row('e-002', 'C3', '')));
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { row: number; message: string }[] };
    expect(errors).toEqual([
      {
        row: 3,
        field: 'community_code',
        message: "您的账号范围不包括 C3 / your account's region does not hold C3",
      },
    ]);
    expect(await stored()).toBe(before);
    const own = await upload('east', csv(row('e-003', 'C2', 'C2G1')));
    expect(own.status).toBe(201);
  });

  it('refuses other roles, other types and a missing instrument', async () => {
    expect((await upload('boss', csv(row('z-001', 'C1', 'C1G1')))).status).toBe(403);
    expect((await upload('city', 'a,b', 'text/plain')).status).toBe(415);
    expect((await upload('city', csv(), tableMediaTypes.csv, '?instrument=x')).status).toBe(400);
    const empty = await upload('city', csv());
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      errors: [{ field: 'file', message: '文件没有数据行 / the file has no data rows' }],
    });
  });

  it('answers 409 for a frozen year and imports nothing', async () => {
    await setCampaignState(store, 2026, 'closed');
    await setCampaignState(store, 2026, 'finalized');
    const before = await stored();
    const res = await upload('city', csv(row('f-001', 'C1', 'C1G1')));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/冻结.*frozen/);
    expect(await stored()).toBe(before);
  });
});
