// The access-control matrix: role × endpoint × own/foreign region → expected status, one row per
// route (several where region or body matter). Every route of the API must have a row: a new
// route without one fails `has a row for every route`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@manyi/domain/user';
import { createCampaign } from '@manyi/store/campaigns';
import { machineActor } from '@manyi/store/audit';
import type { Store } from '@manyi/store/Store';
import { validSubmission } from './fixture.ts';
import { appOn, call, origin, peopleStore, signIn, type AccountName } from './people.ts';
import { qualityResponses } from './qualityResponses.ts';
import { twoWayInstruments } from './twoWayForms.ts';
import { scratchStorePath } from '@manyi/store/testing/scratchStore';

/** Who calls: nobody signed in, then each account of `people.ts`. */
const callers = ['anonymous', 'city', 'east', 'boss', 'street', 'community'] as const;
type Caller = (typeof callers)[number];

interface Row {
  /** The route as Hono lists it: `METHOD /api/v1/...`. */
  route: string;
  /** The path to call (ids filled in from the accounts). */
  path: (users: Record<AccountName, User>) => string;
  body?: (caller: Caller) => unknown;
  /** Sign in anew for this row (it ends the session). */
  fresh?: boolean;
  /** Expected status for anonymous, city evaluator, D1 evaluator, leadership, S1 street staff, C1 community staff. */
  expected: [number, number, number, number, number, number];
}

/** A paper questionnaire typed in for a community, one per caller. */
const paperEntry = (caller: Caller, community: string) => ({
  instrument: 'resident',
  community,
  grid: `${community}G1`,
  answers: { overall: 4, clean: 5 },
  paperId: `matrix-${community}-${caller}`,
});

const submission = (caller: Caller) => {
  const body = validSubmission(`matrix-${caller}-0001`);
  body.answers.grid = 'C1G1';
  return body;
};

const rows: Row[] = [
  // public
  { route: 'GET /api/v1/health', path: () => '/health', expected: [200, 200, 200, 200, 200, 200] },
  {
    route: 'GET /api/v1/communities',
    path: () => '/communities',
    expected: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /api/v1/campaigns',
    path: () => '/campaigns',
    expected: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /api/v1/surveys/resident',
    path: () => '/surveys/resident?community=C1',
    expected: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'POST /api/v1/responses',
    path: () => '/responses',
    body: submission,
    expected: [201, 201, 201, 201, 201, 201],
  },
  {
    route: 'GET /api/v1/live/:year{[0-9]{4}}',
    path: () => '/live/2026',
    expected: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /api/v1/results/:year{[0-9]{4}}',
    path: () => '/results/2026',
    expected: [401, 404, 404, 404, 403, 403],
  },
  {
    // not scored: 404 for those who may read it; staff only their own unit, once published
    route: 'GET /api/v1/profile/:year{[0-9]{4}}/:code{[A-Za-z0-9_-]{1,32}}',
    path: () => '/profile/2026/C1',
    expected: [401, 404, 404, 404, 403, 403],
  },
  {
    route: 'GET /api/v1/profile/:year{[0-9]{4}}/:code{[A-Za-z0-9_-]{1,32}}',
    path: () => '/profile/2026/C3',
    expected: [401, 404, 403, 404, 403, 403],
  },
  {
    route: 'GET /api/v1/comments/:year{[0-9]{4}}',
    path: () => '/comments/2026?unit=C1',
    expected: [401, 200, 200, 200, 403, 403],
  },
  {
    route: 'GET /api/v1/comments/:year{[0-9]{4}}',
    path: () => '/comments/2026?unit=C3',
    expected: [401, 200, 403, 200, 403, 403],
  },
  // accounts and sessions
  {
    route: 'POST /api/v1/auth/login',
    path: () => '/auth/login',
    body: (caller) => ({ username: `nobody-${caller}`, password: 'wrong-password' }),
    expected: [401, 401, 401, 401, 401, 401],
  },
  {
    route: 'GET /api/v1/auth/me',
    path: () => '/auth/me',
    expected: [401, 200, 200, 200, 200, 200],
  },
  {
    route: 'POST /api/v1/auth/logout',
    path: () => '/auth/logout',
    fresh: true,
    expected: [204, 204, 204, 204, 204, 204],
  },
  { route: 'GET /api/v1/users', path: () => '/users', expected: [401, 200, 200, 403, 403, 403] },
  {
    route: 'GET /api/v1/users/:id',
    path: (u) => `/users/${u.street.id}`,
    expected: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/users/:id',
    path: (u) => `/users/${u.west.id}`,
    expected: [401, 200, 403, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/users/:id',
    path: () => '/users/no-such-id',
    expected: [401, 404, 404, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/users',
    path: () => '/users',
    body: (caller) => ({
      username: `leader-${caller}`,
      role: 'leadership',
      scope: 'D1',
      password: 'a-long-password',
    }),
    expected: [401, 201, 201, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/users',
    path: () => '/users',
    body: (caller) => ({
      username: `chief-${caller}`,
      role: 'evaluator',
      scope: null,
      password: 'a-long-password',
    }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/users',
    path: () => '/users',
    body: (caller) => ({
      username: `c3-${caller}`,
      role: 'community_staff',
      scope: 'C3',
      password: 'a-long-password',
    }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  // campaigns: city-wide evaluators only
  {
    route: 'POST /api/v1/campaigns',
    path: () => '/campaigns',
    body: (caller) => ({ year: 2030 + callers.indexOf(caller), title: '测评' }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  {
    route: 'PATCH /api/v1/campaigns/:year{[0-9]{4}}',
    path: () => '/campaigns/2027',
    body: () => ({ title: '2027年度测评' }),
    expected: [401, 200, 403, 403, 403, 403],
  },
  {
    // authorization comes before the lifecycle: only the city evaluator learns the transition is refused
    route: 'POST /api/v1/campaigns/:year{[0-9]{4}}/transition',
    path: () => '/campaigns/2027/transition',
    body: () => ({ to: 'finalized' }),
    expected: [401, 409, 403, 403, 403, 403],
  },
  { route: 'GET /api/v1/audit', path: () => '/audit', expected: [401, 200, 403, 403, 403, 403] },
  // data quality: evaluators within their region; leadership reads
  {
    route: 'GET /api/v1/quality/:year{[0-9]{4}}',
    path: () => '/quality/2026',
    expected: [401, 200, 200, 200, 403, 403],
  },
  {
    route: 'GET /api/v1/quality/:year{[0-9]{4}}',
    path: () => '/quality/2026?community=C3',
    expected: [401, 200, 403, 200, 403, 403],
  },
  {
    route: 'GET /api/v1/quality/:year{[0-9]{4}}/summary',
    path: () => '/quality/2026/summary',
    expected: [401, 200, 200, 200, 403, 403],
  },
  {
    route: 'POST /api/v1/quality/:year{[0-9]{4}}/flag',
    path: () => '/quality/2026/flag',
    expected: [401, 201, 201, 403, 403, 403],
  },
  {
    // the checks cover the city: only a city-wide evaluator changes their settings
    route: 'POST /api/v1/quality/:year{[0-9]{4}}/flag',
    path: () => '/quality/2026/flag',
    body: () => ({ speederShare: 0.33 }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/quality/:year{[0-9]{4}}/responses/:id/decision',
    path: () => `/quality/2026/responses/${qualityIds['C1-fast']}/decision`,
    body: () => ({ action: 'exclude', reason: '核实' }),
    expected: [401, 201, 201, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/quality/:year{[0-9]{4}}/responses/:id/decision',
    path: () => `/quality/2026/responses/${qualityIds['C3-fast']}/decision`,
    body: () => ({ action: 'exclude', reason: '核实' }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  // invitations and posters: evaluators within their region; the token check is public
  {
    route: 'GET /api/v1/invitations/check',
    path: () => `/invitations/check?community=C1&t=${'0'.repeat(26)}`,
    expected: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'POST /api/v1/invitations/:year{[0-9]{4}}/:community{[A-Za-z0-9_-]{1,32}}',
    path: () => '/invitations/2026/C1',
    body: () => ({ count: 1, format: 'json' }),
    expected: [401, 201, 201, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/invitations/:year{[0-9]{4}}/:community{[A-Za-z0-9_-]{1,32}}',
    path: () => '/invitations/2026/C3',
    body: () => ({ count: 1, format: 'json' }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/invitations/:year{[0-9]{4}}/poster/:file{[A-Za-z0-9_-]{1,32}\\.[a-z]{3}}',
    path: () => '/invitations/2026/poster/C1.svg',
    expected: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/invitations/:year{[0-9]{4}}/poster/:file{[A-Za-z0-9_-]{1,32}\\.[a-z]{3}}',
    path: () => '/invitations/2026/poster/C3.svg',
    expected: [401, 200, 403, 403, 403, 403],
  },
  // distribution and response rates: evaluators enter, leadership reads too
  {
    route: 'GET /api/v1/distribution/:year{[0-9]{4}}',
    path: () => '/distribution/2026',
    expected: [401, 200, 200, 200, 403, 403],
  },
  {
    route: 'PUT /api/v1/distribution/:year{[0-9]{4}}/:community{[A-Za-z0-9_-]{1,32}}',
    path: () => '/distribution/2026/C1',
    body: () => ({ paperHandedOut: 10 }),
    expected: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'PUT /api/v1/distribution/:year{[0-9]{4}}/:community{[A-Za-z0-9_-]{1,32}}',
    path: () => '/distribution/2026/C3',
    body: () => ({ paperHandedOut: 10 }),
    expected: [401, 200, 403, 403, 403, 403],
  },
  // paper questionnaires: evaluators within their region
  {
    // a sheet is CSV or XLSX: authorization first, then the type (a JSON body is 415)
    route: 'POST /api/v1/imports/:year{[0-9]{4}}/responses',
    path: () => '/imports/2026/responses?instrument=resident',
    body: () => ({ rows: [] }),
    expected: [401, 415, 415, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/entries/:year{[0-9]{4}}/form',
    path: () => '/entries/2026/form?community=C1',
    expected: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/entries/:year{[0-9]{4}}/form',
    path: () => '/entries/2026/form?community=C3',
    expected: [401, 200, 403, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/entries/:year{[0-9]{4}}/responses',
    path: () => '/entries/2026/responses',
    body: (caller) => paperEntry(caller, 'C1'),
    expected: [401, 201, 201, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/entries/:year{[0-9]{4}}/responses',
    path: () => '/entries/2026/responses',
    body: (caller) => paperEntry(caller, 'C3'),
    expected: [401, 201, 403, 403, 403, 403],
  },
  // the two-way evaluation: street and community staff, each rating only its own
  {
    route: 'GET /api/v1/two-way/:year{[0-9]{4}}',
    path: () => '/two-way/2026',
    expected: [401, 403, 403, 403, 200, 200],
  },
  {
    route: 'POST /api/v1/two-way/:year{[0-9]{4}}',
    path: () => '/two-way/2026',
    body: (caller) => ({ subject: caller === 'street' ? 'C1' : 'S1', answers: { overall: 4 } }),
    expected: [401, 403, 403, 403, 201, 201],
  },
  {
    route: 'POST /api/v1/two-way/:year{[0-9]{4}}',
    path: () => '/two-way/2026',
    body: (caller) => ({ subject: caller === 'street' ? 'C3' : 'S2', answers: { overall: 4 } }),
    expected: [401, 403, 403, 403, 403, 403],
  },
  // the year-end run, its workbook and the published site: city-wide accounts
  {
    // a year without a campaign: what is checked here is who gets as far as the 404 (scoring
    // this fixture's 2026 fails on a one-response variance, a bug of its own)
    route: 'POST /api/v1/scoring/:year{[0-9]{4}}',
    path: () => '/scoring/2029',
    expected: [401, 404, 403, 403, 403, 403],
  },
  {
    // not scored yet: 404 for those who may read it
    route: 'GET /api/v1/workbook/:file{[0-9]{4}\\.xlsx}',
    path: () => '/workbook/2026.xlsx',
    expected: [401, 404, 403, 404, 403, 403],
  },
  {
    route: 'POST /api/v1/campaigns/:year{[0-9]{4}}/publish',
    path: () => '/campaigns/2027/publish',
    expected: [401, 409, 403, 403, 403, 403],
  },
];

/** A status of a request that was let through and did what it asked. */
const isSuccess = (status: number) => status >= 200 && status < 300;

/** The routes this matrix must cover completely: every route of the API. */
const checkedGroups = /^\/api\/v1\//;

let store: Store;
let users: Record<AccountName, User>;
/** Resident responses for the quality rows, ids by client id (C1 in D1, C3 in D2). */
let qualityIds: Record<string, string>;
let app: ReturnType<typeof appOn>;
const cookies = new Map<Caller, string | undefined>();

beforeAll(async () => {
  ({ store, users } = await peopleStore(scratchStorePath(), twoWayInstruments));
  qualityIds = await qualityResponses(store);
  await createCampaign(
    store,
    { year: 2027, title: '草稿', opensAt: null, closesAt: null },
    machineActor(),
  );
  app = appOn(store);
  for (const caller of callers)
    cookies.set(caller, caller === 'anonymous' ? undefined : await signIn(app, caller));
});
afterAll(() => store.close());

describe('the access-control matrix', () => {
  it.each(rows.map((row) => [row.route, row] as const))('%s', async (_, row) => {
    const got: number[] = [];
    for (const caller of callers) {
      const cookie =
        row.fresh && caller !== 'anonymous' ? await signIn(app, caller) : cookies.get(caller);
      const method = row.route.split(' ')[0]!;
      const res = await call(app, method, row.path(users), { cookie, body: row.body?.(caller) });
      got.push(res.status);
    }
    expect(Object.fromEntries(callers.map((c, i) => [c, got[i]]))).toEqual(
      Object.fromEntries(callers.map((c, i) => [c, row.expected[i]])),
    );
  });

  it('has a row for every route of the checked groups', () => {
    const covered = new Set(rows.map((r) => r.route));
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && checkedGroups.test(r.path))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...routes].filter((r) => !covered.has(r))).toEqual([]);
    expect(routes.size).toBeGreaterThanOrEqual(32);
  });

  it('refuses every JSON body sent as another type, with 415', async () => {
    const unsafe = rows.filter(
      (row) => row.body && !row.route.startsWith('GET ') && row.expected.some(isSuccess),
    );
    expect(unsafe.length).toBeGreaterThanOrEqual(12);
    const refused: string[] = [];
    for (const row of unsafe) {
      const caller = callers[row.expected.findIndex(isSuccess)]!;
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
      ]) {
        const headers: Record<string, string> = { origin, 'content-type': type };
        const cookie = cookies.get(caller);
        if (cookie) headers.cookie = cookie;
        const res = await app.request(`/api/v1${row.path(users)}`, {
          method: row.route.split(' ')[0],
          headers,
          body: JSON.stringify(row.body!(caller)),
        });
        if (res.status !== 415) refused.push(`${row.route} as ${type}: ${res.status}`);
      }
    }
    // the optional settings of a scoring run too
    const scoring = await app.request('/api/v1/scoring/2029', {
      method: 'POST',
      headers: { origin, 'content-type': 'text/plain', cookie: cookies.get('city')! },
      body: '{"seed":1}',
    });
    expect(scoring.status).toBe(415);
    expect(refused).toEqual([]);
  });

  it("lists only the accounts within one's region", async () => {
    const names = async (caller: Caller) =>
      (
        (await (await call(app, 'GET', '/users', { cookie: cookies.get(caller) })).json()) as User[]
      ).map((u) => u.username);
    const east = await names('east');
    expect(east).toEqual(expect.arrayContaining(['east', 'street', 'community']));
    expect(east.some((n) => ['city', 'boss', 'west'].includes(n))).toBe(false);
    expect(await names('city')).toEqual(expect.arrayContaining(['city', 'boss', 'east', 'west']));
  });
});
