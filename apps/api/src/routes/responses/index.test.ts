import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { createApp } from '../../app.ts';
import { testStore, validSubmission } from '../../../test/fixture.ts';

let store: Store;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await testStore();
  app = createApp({ store, maxBodyBytes: 4096 });
});
afterEach(() => store.close());

const post = (
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) =>
  app.request('/api/v1/responses', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const counts = async () => {
  const [r] = await store.query<{ responses: bigint; answers: bigint }>(
    'SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM answers) AS answers',
  );
  return { responses: Number(r!.responses), answers: Number(r!.answers) };
};

/** Posts a submission whose answers are changed by `change`, expecting 400 naming `fields`. */
async function expectRejected(
  change: (answers: Record<string, unknown>) => void,
  fields: string[],
) {
  const body = validSubmission();
  change(body.answers);
  const res = await post(body);
  expect(res.status).toBe(400);
  const { errors } = (await res.json()) as { errors: { field: string; message: string }[] };
  expect(errors.map((e) => e.field).sort()).toEqual([...fields].sort());
  for (const e of errors) expect(e.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/); // 中文 / English
  expect(await counts()).toEqual({ responses: 0, answers: 0 });
  return errors;
}

describe('POST /api/v1/responses', () => {
  it('stores a valid submission, raw and long, after its commit', async () => {
    const res = await post(validSubmission());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await store.query<Record<string, unknown>>(
      'SELECT * FROM responses WHERE id = ?',
      [id],
    );
    expect(row).toMatchObject({
      subject_code: 'C1',
      grid_code: 'C1G2',
      year: 2026,
      instrument: 'resident',
      source: 'web',
    });
    const { grid: _grid, ...answers } = validSubmission().answers;
    expect(JSON.parse(row!.answers as string)).toEqual(answers);
    const long = await store.query<{ question: string; value: number | null; text: string | null }>(
      'SELECT question, value, text FROM answers WHERE response_id = ? ORDER BY question',
      [id],
    );
    expect(long).toEqual([
      { question: 'clean', value: null, text: 'na' },
      { question: 'overall', value: 4, text: null },
      { question: 'suggestion', value: null, text: '多装路灯' },
      { question: 'topics', value: null, text: '["环境"]' },
      { question: 'years', value: 12, text: null },
    ]);
  });

  it('takes a retry of the same submission id once: same id back, nothing new stored', async () => {
    const body = validSubmission('retry-0001');
    const first = await post(body);
    const again = await post({ ...body, answers: { ...body.answers, overall: 1 } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect((await counts()).responses).toBe(1);
  });

  it('keeps concurrent retries of one submission to a single response', async () => {
    const body = validSubmission('retry-0002');
    const results = await Promise.all(Array.from({ length: 5 }, () => post(body)));
    const ids = new Set(
      await Promise.all(results.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(ids.size).toBe(1);
    expect((await counts()).responses).toBe(1);
  });

  it('refuses an out-of-range rating', async () => {
    const [e] = await expectRejected((a) => (a.overall = 9), ['overall']);
    expect(e!.message).toContain('超出范围');
  });
  it('refuses a choice not offered', () => expectRejected((a) => (a.clean = 7), ['clean']));
  it('refuses a checkbox choice not offered', () =>
    expectRejected((a) => (a.topics = ['环境', '天气']), ['topics']));
  it('refuses an unknown question', () =>
    expectRejected((a) => (a.favourite_colour = '红'), ['favourite_colour']));
  it('refuses a missing required answer', () =>
    expectRejected((a) => delete a.overall, ['overall']));
  it('refuses a wrong type', () =>
    expectRejected((a) => ((a.years = '十二'), (a.topics = '环境')), ['years', 'topics']));
  it('refuses text over the length limit', () =>
    expectRejected((a) => (a.suggestion = '长'.repeat(51)), ['suggestion']));
  it('refuses a missing grid where the community has several', () =>
    expectRejected((a) => delete a.grid, ['grid']));
  it("refuses another community's grid", () => expectRejected((a) => (a.grid = 'C2G1'), ['grid']));
  it('names every bad field at once', () =>
    expectRejected(
      (a) => ((a.overall = 0), (a.clean = 'x'), (a.extra = 1)),
      ['overall', 'clean', 'extra'],
    ));

  it('takes a one-grid community without a grid answer', async () => {
    const body = validSubmission();
    body.community = 'C2';
    delete (body.answers as Record<string, unknown>).grid;
    const res = await post(body);
    expect(res.status).toBe(201);
    const [row] = await store.query<{ grid_code: string }>('SELECT grid_code FROM responses');
    expect(row!.grid_code).toBe('C2G1');
  });

  it('refuses a body that is not a submission', async () => {
    for (const body of [
      '{not json',
      '[]',
      { community: 'C1' },
      { ...validSubmission(), submissionId: 'x' },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const { errors } = (await res.json()) as { errors: { field: string }[] };
      expect(errors.length).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual({ responses: 0, answers: 0 });
  });

  it('refuses a body that is too large with 413', async () => {
    const body = validSubmission();
    (body.answers as Record<string, unknown>).suggestion = 'x'.repeat(5000);
    const res = await post(body);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toContain('过大');
    expect(await counts()).toEqual({ responses: 0, answers: 0 });
  });

  it('refuses other content types with 415', async () => {
    const res = await post(validSubmission(), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('answers 404 for an unknown community', async () => {
    const res = await post({ ...validSubmission(), community: 'NOPE' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('NOPE');
    expect(await counts()).toEqual({ responses: 0, answers: 0 });
  });

  it('answers 409 when the campaign is not open', async () => {
    await setCampaignState(store, 2026, 'closed');
    const res = await post(validSubmission());
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toContain('测评');
    expect(await counts()).toEqual({ responses: 0, answers: 0 });
  });
});

describe('POST /api/v1/responses with an invitation', () => {
  const issue = async (count: number) => {
    const { issueInvitations } = await import('@manyi/store/invitations');
    const { systemActor } = await import('@manyi/store/audit');
    return issueInvitations(
      store,
      { year: 2026, communityCode: 'C1', count },
      systemActor,
      async (b) => b.tokens,
    );
  };

  it('takes a token once: the second submission with it is refused and stores nothing', async () => {
    const [token] = await issue(1);
    const first = await post({ ...validSubmission('invited-0001'), invitation: token });
    expect(first.status).toBe(201);
    const retry = await post({ ...validSubmission('invited-0001'), invitation: token });
    expect(retry.status).toBe(201); // the same submission again: its first answer
    const other = await post({ ...validSubmission('invited-0002'), invitation: token });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: string }).error).toContain('已使用');
    expect((await counts()).responses).toBe(1);
    const [used] = await store.query<{ response_id: string }>(
      'SELECT response_id FROM invitations',
    );
    expect(used!.response_id).toBe(((await first.json()) as { id: string }).id);
  });

  it('stores exactly one of two concurrent submissions with one token', async () => {
    const [token] = await issue(1);
    const results = await Promise.all(
      ['race-0001', 'race-0002'].map((id) => post({ ...validSubmission(id), invitation: token })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await counts()).responses).toBe(1);
  });

  it('refuses an unknown token with 403, and another community’s with 403', async () => {
    const res = await post({ ...validSubmission(), invitation: 'ABCDEFGHJKMNPQRSTVWXYZ0123' });
    expect(res.status).toBe(403);
    const [token] = await issue(1);
    const elsewhere = await post({
      ...validSubmission(),
      community: 'C2',
      answers: { overall: 3, clean: 4 },
      invitation: token,
    });
    expect(elsewhere.status).toBe(403);
    expect((await counts()).responses).toBe(0);
  });
});
