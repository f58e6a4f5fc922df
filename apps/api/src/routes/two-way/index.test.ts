import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@manyi/domain/user';
import { listAudit, machineActor } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import {
  appOn,
  call,
  passwordOf,
  peopleStore,
  signIn,
  type AccountName,
} from '../../../test/people.ts';
import { twoWayInstruments } from '../../../test/twoWayForms.ts';

type Caller = AccountName | 'westStreet';

let store: Store;
let users: Record<AccountName, User>;
let app: ReturnType<typeof appOn>;
const cookies: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  ({ store, users } = await peopleStore(':memory:', twoWayInstruments));
  await createUser(
    store,
    {
      username: 'westStreet',
      displayName: null,
      role: 'street_staff',
      scope: 'S2',
      password: passwordOf('westStreet'),
    },
    machineActor(),
  );
  app = appOn(store);
  for (const name of ['street', 'community', 'westStreet', 'city'] as const)
    cookies[name] = await signIn(app, name);
});
afterAll(() => store.close());

interface Forms {
  instrument: string;
  rater: { code: string; name: string };
  subjects: { code: string; name: string; filled: boolean }[];
  survey: { pages: unknown[] };
}

const forms = async (who: Caller) =>
  (await (await call(app, 'GET', '/two-way/2026', { cookie: cookies[who] })).json()) as Forms;
const rate = (who: Caller, subject: string, answers: Record<string, unknown> = { overall: 4 }) =>
  call(app, 'POST', '/two-way/2026', { cookie: cookies[who], body: { subject, answers } });

describe('/api/v1/two-way/:year', () => {
  it("lists a street's communities and a community's street, with the form", async () => {
    expect(await forms('street')).toMatchObject({
      instrument: 'street_to_community',
      rater: { code: 'S1', name: 'S1街道' },
      subjects: [
        { code: 'C1', name: 'C1社区', filled: false },
        { code: 'C2', name: 'C2社区', filled: false },
      ],
      survey: { pages: [expect.anything()] },
    });
    expect(await forms('community')).toMatchObject({
      instrument: 'community_to_street',
      rater: { code: 'C1' },
      subjects: [{ code: 'S1', name: 'S1街道', filled: false }],
    });
  });

  it('takes each form once per pair, logged without the answers', async () => {
    const res = await rate('street', 'C1', { overall: 5, suggestion: '保持' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      instrument: 'street_to_community',
      rater: 'S1',
      subject: 'C1',
    });
    expect((await rate('street', 'C1', { overall: 2 })).status).toBe(409);
    expect((await forms('street')).subjects.map((s) => s.filled)).toEqual([true, false]);
    expect((await rate('community', 'S1')).status).toBe(201);
    expect((await rate('community', 'S1')).status).toBe(409);
    const [row] = await store.query<{ rater_code: string; subject_code: string }>(
      "SELECT rater_code, subject_code FROM responses WHERE instrument = 'community_to_street'",
    );
    expect(row).toEqual({ rater_code: 'C1', subject_code: 'S1' });
    const logged = await listAudit(store, { action: 'twoway.submit' });
    expect(logged.map((e) => e.actor.userId)).toEqual([users.community.id, users.street.id]);
    expect(JSON.stringify(logged)).not.toContain('保持');
  });

  it('checks the answers against the form', async () => {
    const res = await rate('street', 'C2', { overall: 9, extra: 1 });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field).sort()).toEqual(['extra', 'overall']);
  });

  it('lets staff rate only their own units, and nobody else fill the forms', async () => {
    expect((await rate('westStreet', 'C2')).status).toBe(403);
    expect((await rate('community', 'S2')).status).toBe(403);
    expect((await rate('street', 'C3')).status).toBe(403);
    expect((await rate('street', 'C99')).status).toBe(404);
    expect((await rate('city', 'C2')).status).toBe(403);
    expect((await call(app, 'GET', '/two-way/2026', { cookie: cookies.city })).status).toBe(403);
    expect((await call(app, 'GET', '/two-way/2026')).status).toBe(401);
    expect((await forms('westStreet')).subjects).toEqual([
      { code: 'C3', name: 'C3社区', filled: false },
    ]);
  });

  it('takes forms only while the campaign is open', async () => {
    await setCampaignState(store, 2026, 'closed');
    expect((await rate('street', 'C2')).status).toBe(409);
    expect((await forms('street')).subjects.map((s) => s.filled)).toEqual([true, false]);
  });
});
