import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldError } from '@manyi/domain/messages';
import type { QualitySummary } from '@manyi/scoring/qualitySummary';
import type { AuditRecord } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import type { DecisionOutcome } from '@manyi/store/exclusions';
import type { Store } from '@manyi/store/Store';
import { appOn, call, peopleStore, signIn } from '../../../test/people.ts';
import { qualityResponses } from '../../../test/qualityResponses.ts';

let store: Store;
let app: ReturnType<typeof appOn>;
let ids: Record<string, string>;
const cookies: Record<string, string> = {};

beforeEach(async () => {
  ({ store } = await peopleStore());
  ids = await qualityResponses(store);
  app = appOn(store);
  for (const name of ['city', 'east', 'boss', 'street']) cookies[name] = await signIn(app, name);
});
afterEach(() => store.close());

/** Runs the checks as the city's evaluator, lines counted from two rated items (the test form has two). */
const flagAll = () =>
  call(app, 'POST', '/quality/2026/flag', {
    cookie: cookies.city,
    body: { straightLineMinRated: 2 },
  });
const decide = (who: string, clientId: string, body: unknown) =>
  call(app, 'POST', `/quality/2026/responses/${ids[clientId]}/decision`, {
    cookie: cookies[who],
    body,
  });
/** A signed-in GET's JSON body, typed as the route gives it. */
const getJson = async <T>(who: string, path: string) =>
  (await (await call(app, 'GET', path, { cookie: cookies[who] })).json()) as T;
const list = async (who: string, query = '') => {
  const res = await call(app, 'GET', `/quality/2026${query}`, { cookie: cookies[who] });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    total: number;
    responses: { clientId: string; status: string; counted: boolean; flags: { flag: string }[] }[];
  };
};
const validClients = async () =>
  (await store.query<{ client_id: string }>('SELECT client_id FROM valid_responses')).map(
    (r) => r.client_id,
  );
const stored = async () =>
  await store.query(
    'SELECT (SELECT count(*) FROM responses) AS r, (SELECT count(*) FROM answers) AS a',
  );

describe('data quality over the API', () => {
  it('flags speeders, straight lines and repeated devices, and lists them without free text', async () => {
    const res = await flagAll();
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      year: 2026,
      by: { via: 'api', username: 'city' },
      settings: { speederShare: 0.33, straightLineMinRated: 2 },
      checked: 19,
      counts: { speeder: 3, straight_line: 3, duplicate_device: 2 },
      flagged: 8,
    });
    const page = await list('city');
    expect(page.total).toBe(8);
    expect(page.responses.map((r) => r.clientId).sort()).toEqual([
      'C1-device-2',
      'C1-fast',
      'C1-line',
      'C2-fast',
      'C2-line',
      'C3-device-2',
      'C3-fast',
      'C3-line',
    ]);
    expect(page.responses.every((r) => r.status === 'flagged' && !r.counted)).toBe(true);
    expect(JSON.stringify(page)).not.toMatch(/13800000000|suggestion/);
    const fast = page.responses.find((r) => r.clientId === 'C1-fast');
    expect(fast).toMatchObject({
      community: { code: 'C1', name: 'C1社区' },
      street: { code: 'S1', name: 'S1街道' },
      durationSeconds: 20,
      flags: [{ flag: 'speeder', detail: { seconds: 20, share: 0.33 } }],
      decisions: [],
      ratings: { overall: 3, clean: 4 },
    });
    const lines = await list('city', '?flag=straight_line&limit=2&offset=1');
    expect(lines.total).toBe(3);
    expect(lines.responses.map((r) => r.clientId)).toEqual(['C2-line', 'C3-line']);
    expect((await list('city', '?community=C3&status=flagged')).total).toBe(3);

    const summary = await getJson<QualitySummary>('city', '/quality/2026/summary');
    expect(summary).toMatchObject({
      responses: 19,
      unchecked: 0,
      flags: { speeder: 3, straight_line: 3, duplicate_device: 2 },
      statuses: { valid: 11, flagged: 8, excluded: 0, reinstated: 0 },
      counted: 11,
      run: { settings: { straightLineMinRated: 2 } },
    });
    expect(summary.communities[0]).toEqual({
      code: 'C1',
      name: 'C1社区',
      street: { code: 'S1', name: 'S1街道' },
      responses: 7,
      flags: { speeder: 1, straight_line: 1, duplicate_device: 1 },
      statuses: { valid: 4, flagged: 3, excluded: 0, reinstated: 0 },
      counted: 4,
    });
    expect((await validClients()).length).toBe(11);
  });

  it("shows and decides only within a district evaluator's region; leadership reads, staff nothing", async () => {
    await flagAll();
    const east = await list('east');
    expect(east.total).toBe(5);
    expect(east.responses.every((r) => !r.clientId.startsWith('C3'))).toBe(true);
    const summary = await getJson<QualitySummary>('east', '/quality/2026/summary');
    expect(summary.communities.map((c) => c.code)).toEqual(['C1', 'C2']);
    expect(summary.responses).toBe(12);
    expect(
      (await call(app, 'GET', '/quality/2026?community=C3', { cookie: cookies.east })).status,
    ).toBe(403);

    expect((await decide('east', 'C3-fast', { action: 'reinstate', reason: '核实' })).status).toBe(
      403,
    );
    expect((await decide('east', 'C1-fast', { action: 'reinstate', reason: '核实' })).status).toBe(
      201,
    );
    expect((await decide('boss', 'C1-line', { action: 'reinstate', reason: '核实' })).status).toBe(
      403,
    );
    expect(
      (await decide('street', 'C1-line', { action: 'reinstate', reason: '核实' })).status,
    ).toBe(403);
    expect((await list('boss')).total).toBe(8);
    expect((await call(app, 'GET', '/quality/2026', { cookie: cookies.street })).status).toBe(403);
    expect((await call(app, 'GET', '/quality/2026')).status).toBe(401);

    // the checks cover the city: a district evaluator may run them again, not change their settings
    const rerun = await call(app, 'POST', '/quality/2026/flag', { cookie: cookies.east });
    expect(rerun.status).toBe(201);
    expect(await rerun.json()).toMatchObject({ settings: { straightLineMinRated: 2 }, flagged: 8 });
    const changed = await call(app, 'POST', '/quality/2026/flag', {
      cookie: cookies.east,
      body: { speederShare: 0.5 },
    });
    expect(changed.status).toBe(403);
    expect((await call(app, 'POST', '/quality/2026/flag', { cookie: cookies.boss })).status).toBe(
      403,
    );
  });

  it('excludes and reinstates with a reason, logged with who and when, deleting nothing', async () => {
    await flagAll();
    const before = await stored();
    expect(await validClients()).not.toContain('C2-line');

    const reinstated = await decide('city', 'C2-line', {
      action: 'reinstate',
      reason: '入户核实:居民确实全部满意',
    });
    expect(reinstated.status).toBe(201);
    const outcome = (await reinstated.json()) as DecisionOutcome;
    expect(outcome).toMatchObject({
      decision: {
        action: 'reinstate',
        reason: '入户核实:居民确实全部满意',
        actor: { via: 'api', username: 'city', role: 'evaluator' },
      },
      before: 'flagged',
      after: 'reinstated',
      counted: true,
    });
    expect(await validClients()).toContain('C2-line');

    expect((await decide('city', 'C2-ok-0', { action: 'exclude', reason: '代填' })).status).toBe(
      201,
    );
    expect(await validClients()).not.toContain('C2-ok-0');
    const page = await list('city', '?status=excluded');
    expect(page.responses.map((r) => r.clientId)).toEqual(['C2-ok-0']);
    expect(page.responses[0]).toMatchObject({ flags: [], counted: false });

    for (const body of [
      { action: 'exclude' },
      { action: 'exclude', reason: '  ' },
      { action: 'delete', reason: 'x' },
    ])
      expect((await decide('city', 'C2-ok-1', body)).status).toBe(400);
    expect(
      (
        await call(app, 'POST', '/quality/2026/responses/no-such-id/decision', {
          cookie: cookies.city,
          body: { action: 'exclude', reason: '核实' },
        })
      ).status,
    ).toBe(404);

    const log = await getJson<AuditRecord[]>('city', '/audit?action=response.');
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({
      actor: { via: 'api', username: 'city', role: 'evaluator' },
      action: 'response.reinstate',
      target: `response:${ids['C2-line']}`,
      year: 2026,
      reason: '入户核实:居民确实全部满意',
      before: { status: 'flagged' },
      after: { status: 'reinstated' },
      at: outcome.decision.at,
    });
    const flagLog = await getJson<AuditRecord[]>('city', '/audit?action=quality.flag');
    expect(flagLog[0]).toMatchObject({ actor: { username: 'city' }, target: 'quality:2026' });
    expect(await stored()).toEqual(before);
  });

  it('refuses writes to a finalized year with 409 and answers 404 without a campaign', async () => {
    await flagAll();
    for (const to of ['closed', 'finalized'] as const) await setCampaignState(store, 2026, to);
    const before = await stored();
    const refused = await decide('city', 'C1-fast', { action: 'reinstate', reason: '核实' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error:
        '2026 年度测评已定稿,数据已冻结,不能修改 / the 2026 campaign is finalized: its data are frozen and take no write',
    });
    expect((await call(app, 'POST', '/quality/2026/flag', { cookie: cookies.city })).status).toBe(
      409,
    );
    expect((await list('city')).total).toBe(8); // reading stays open
    expect(await stored()).toEqual(before);

    expect((await call(app, 'GET', '/quality/2031', { cookie: cookies.city })).status).toBe(404);
    expect((await call(app, 'POST', '/quality/2031/flag', { cookie: cookies.city })).status).toBe(
      404,
    );
    expect(
      (await call(app, 'GET', '/quality/2026?flag=bogus', { cookie: cookies.city })).status,
    ).toBe(400);
    expect((await call(app, 'GET', '/quality/2026?limit=0', { cookie: cookies.city })).status).toBe(
      400,
    );
    const badSettings = await call(app, 'POST', '/quality/2030/flag', {
      cookie: cookies.city,
      body: { speederShare: 3, extra: 1 },
    });
    expect(badSettings.status).toBe(400);
    expect(
      ((await badSettings.json()) as { errors: FieldError[] }).errors.map((e) => e.field).sort(),
    ).toEqual(['extra', 'speederShare']);
  });
});
