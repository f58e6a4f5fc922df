import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { validSubmission } from '../../../test/fixture.ts';
import { appOn, call, peopleStore, signIn } from '../../../test/people.ts';
import type { ResponseRateRow } from './index.ts';

interface Rates {
  year: number;
  city: ResponseRateRow | null;
  districts: ResponseRateRow[];
  streets: ResponseRateRow[];
  communities: ResponseRateRow[];
}

let store: Store;
let app: ReturnType<typeof appOn>;
let cookie: string;

beforeEach(async () => {
  ({ store } = await peopleStore());
  app = appOn(store);
  cookie = await signIn(app, 'city');
});
afterEach(() => store.close());

const handOut = (community: string, paperHandedOut: unknown, as = cookie) =>
  call(app, 'PUT', `/distribution/2026/${community}`, { cookie: as, body: { paperHandedOut } });
const rates = async (as = cookie): Promise<Rates> => {
  const res = await call(app, 'GET', '/distribution/2026', { cookie: as });
  expect(res.status).toBe(200);
  return (await res.json()) as Rates;
};
const submit = async (community: string) => {
  const body = validSubmission();
  body.community = community;
  body.answers.grid = `${community}G1`;
  expect((await call(app, 'POST', '/responses', { body })).status).toBe(201);
};

describe('distribution and response rates', () => {
  it('takes paper counts per community and answers rates per community, street, district and city', async () => {
    // D1 → S1 (C1, C2), D2 → S2 (C3). C1: 8 invitations + 12 paper, 3 answers; C2: 4 answers,
    // nothing handed out; C3: 10 paper, 5 answers. S1: 7 / 20; D2: 5 / 10; city: 12 / 30.
    const issued = await call(app, 'POST', '/invitations/2026/C1', {
      cookie,
      body: { count: 8, format: 'json' },
    });
    expect(issued.status).toBe(201);
    const saved = await handOut('C1', 12);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      year: 2026,
      communityCode: 'C1',
      paperHandedOut: 12,
      updatedBy: 'city',
    });
    expect((await handOut('C3', 10)).status).toBe(200);
    for (const [community, n] of [
      ['C1', 3],
      ['C2', 4],
      ['C3', 5],
    ] as const)
      for (let i = 0; i < n; i++) await submit(community);

    const figures = (r: ResponseRateRow | null) => [
      r?.code,
      r?.invitations,
      r?.paperHandedOut,
      r?.distributed,
      r?.validResponses,
      r?.responseRate,
    ];
    const all = await rates();
    // C2 has nothing handed out: its 4 answers count in no rate above it ((3 + 5) of 30)
    expect(figures(all.city)).toEqual([null, 8, 22, 30, 12, 8 / 30]);
    expect(all.districts.map(figures)).toEqual([
      ['D1', 8, 12, 20, 7, 0.15],
      ['D2', 0, 10, 10, 5, 0.5],
    ]);
    expect(all.streets.map(figures)).toEqual([
      ['S1', 8, 12, 20, 7, 0.15],
      ['S2', 0, 10, 10, 5, 0.5],
    ]);
    expect(all.communities.map(figures)).toEqual([
      ['C1', 8, 12, 20, 3, 0.15],
      ['C2', 0, 0, 0, 4, null],
      ['C3', 0, 10, 10, 5, 0.5],
    ]);
    expect(all.communities[0]).toEqual({
      code: 'C1',
      name: 'C1社区',
      parentCode: 'S1',
      invitations: 8,
      invitationsUsed: 0,
      paperHandedOut: 12,
      distributed: 20,
      validResponses: 3,
      responseRate: 0.15,
    });

    // a district's evaluator sees its district and below; nobody below the city sees the city
    const east = await rates(await signIn(app, 'east'));
    expect(east.city).toBeNull();
    expect(east.districts.map(figures)).toEqual([['D1', 8, 12, 20, 7, 0.15]]);
    expect(east.communities.map((r) => r.code)).toEqual(['C1', 'C2']);
    expect((await rates(await signIn(app, 'boss'))).districts).toHaveLength(2);

    const log = await call(app, 'GET', '/audit?action=distribution.set', { cookie });
    const entries = (await log.json()) as { target: string; after: unknown }[];
    expect(entries.map((e) => [e.target, e.after])).toEqual([
      ['distribution:2026/C3', { paperHandedOut: 10 }],
      ['distribution:2026/C1', { paperHandedOut: 12 }],
    ]);
  });

  it('refuses bad counts, unknown communities and years, other regions, and frozen years', async () => {
    for (const bad of [-1, 1.5, '12', null]) expect((await handOut('C1', bad)).status).toBe(400);
    expect((await handOut('C9', 1)).status).toBe(404);
    expect((await call(app, 'GET', '/distribution/2099', { cookie })).status).toBe(404);
    expect((await handOut('C3', 1, await signIn(app, 'east'))).status).toBe(403);
    expect((await handOut('C1', 1, await signIn(app, 'boss'))).status).toBe(403);

    expect((await handOut('C1', 5)).status).toBe(200);
    for (const to of ['closed', 'finalized'] as const) await setCampaignState(store, 2026, to);
    const frozen = await handOut('C1', 6);
    expect(frozen.status).toBe(409);
    expect(await frozen.json()).toEqual({ error: expect.stringMatching(/已定稿.*冻结/) });
    expect((await rates()).communities[0]!.paperHandedOut).toBe(5);
  });
});
