import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@manyi/domain/user';
import { listAudit } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { appOn, call, peopleStore, signIn, type AccountName } from '../../../test/people.ts';

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

/** One paper questionnaire of C1 as the entry form sends it. */
const paper = (paperId: string, changes: Record<string, unknown> = {}) => ({
  instrument: 'resident',
  community: 'C1',
  answers: { grid: 'C1G1', overall: 4, clean: 'na', suggestion: '多装路灯' },
  submittedAt: '2026-11-18T10:00:00+08:00',
  paperId,
  ...changes,
});

const enter = (who: AccountName, body: unknown) =>
  call(app, 'POST', '/entries/2026/responses', { cookie: cookies[who], body });

describe('POST /api/v1/entries/:year/responses', () => {
  it('stores one paper questionnaire as source paper, logged without its answers', async () => {
    const res = await enter('city', paper('0001'));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; clientId: string };
    expect(body.clientId).toBe('paper-2026-0001');
    const [row] = await store.query<Record<string, unknown>>(
      'SELECT source, subject_code, grid_code, submitted_at, answers FROM responses WHERE id = ?',
      [body.id],
    );
    expect(row).toMatchObject({ source: 'paper', subject_code: 'C1', grid_code: 'C1G1' });
    expect((row!.submitted_at as Date).toISOString()).toBe('2026-11-18T02:00:00.000Z');
    expect(JSON.parse(row!.answers as string)).toEqual({
      overall: 4,
      clean: 'na',
      suggestion: '多装路灯',
    });
    const [entry] = await listAudit(store, { action: 'responses.enter' });
    expect(entry).toMatchObject({
      actor: { userId: users.city.id },
      target: 'response:paper-2026-0001',
      after: { paperId: '0001', community: 'C1', grid: 'C1G1' },
    });
    expect(JSON.stringify(entry)).not.toContain('路灯');
  });

  it('refuses the same paper entered twice with 409', async () => {
    const res = await enter(
      'east',
      paper('0001', { answers: { grid: 'C1G1', overall: 2, clean: 3 } }),
    );
    expect(res.status).toBe(409);
    const n = await store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM responses WHERE client_id = 'paper-2026-0001'",
    );
    expect(n).toEqual([{ n: 1 }]);
  });

  it('stores a paper entered twice at once only once', async () => {
    const statuses = await Promise.all([
      enter('city', paper('0007')),
      enter('east', paper('0007')),
    ]);
    expect(statuses.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('checks the answers and the grid exactly as a resident submission', async () => {
    const res = await enter(
      'city',
      paper('0002', { grid: 'C2G1', answers: { overall: 9, color: 'red' } }),
    );
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field).sort()).toEqual(['clean', 'color', 'grid', 'overall']);
    expect((await enter('city', paper('0003', { community: 'C9' }))).status).toBe(404);
    expect((await enter('city', paper('bad id'))).status).toBe(400);
  });

  it('keeps evaluators to their region and other roles out', async () => {
    const c3 = paper('0004', { community: 'C3', answers: { overall: 3, clean: 2 } });
    expect((await enter('east', c3)).status).toBe(403);
    expect((await enter('boss', c3)).status).toBe(403);
    expect((await enter('city', c3)).status).toBe(201);
  });

  it('answers 409 for a frozen year', async () => {
    await setCampaignState(store, 2026, 'closed');
    expect((await enter('city', paper('0005'))).status).toBe(201); // a closed year still takes paper
    await setCampaignState(store, 2026, 'finalized');
    expect((await enter('city', paper('0006'))).status).toBe(409);
  });
});

describe('GET /api/v1/entries/:year/form', () => {
  const form = (who: AccountName, path: string) =>
    call(app, 'GET', `/entries/${path}`, { cookie: cookies[who] });

  it('gives the year’s resident form of a community and its paper count, also once frozen', async () => {
    const res = await form('east', '2026/form?community=C1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      state: string;
      community: Record<string, string>;
      entered: number;
      survey: { title: string; description: string };
    };
    expect(body.state).toBe('finalized');
    expect(body.community).toEqual({
      code: 'C1',
      name: 'C1社区',
      streetName: 'S1街道',
      districtName: 'D1区',
    });
    // 0001, 0007 and 0005 above; 0004 went to C3
    expect(body.entered).toBe(3);
    expect(body.survey.title).toBe('2026年度测评');
    expect(body.survey.description).toBe('C1社区 · S1街道 · D1区');
  });

  it('answers 403 outside the region and 404 for an unknown community or year', async () => {
    expect((await form('east', '2026/form?community=C3')).status).toBe(403);
    expect((await form('boss', '2026/form?community=C1')).status).toBe(403);
    expect((await form('city', '2026/form?community=C9')).status).toBe(404);
    expect((await form('city', '2026/form')).status).toBe(404);
    expect((await form('city', '2030/form?community=C1')).status).toBe(404);
  });
});
