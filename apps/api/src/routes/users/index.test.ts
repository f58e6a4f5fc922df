import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@manyi/store/audit';
import type { Store } from '@manyi/store/Store';
import { appOn, call, peopleStore, signIn } from '../../../test/people.ts';

let store: Store;
let app: ReturnType<typeof appOn>;
let east: string;
let city: string;
beforeAll(async () => {
  ({ store } = await peopleStore());
  app = appOn(store);
  [east, city] = [await signIn(app, 'east'), await signIn(app, 'city')];
});
afterAll(() => store.close());

const add = (cookie: string, body: Record<string, unknown>) =>
  call(app, 'POST', '/users', { cookie, body: { password: 'a-long-password', ...body } });

describe('POST /api/v1/users', () => {
  it("creates an account within the granter's region, who can then sign in; the grant is logged", async () => {
    const res = await add(east, {
      username: 'S1-Lead',
      displayName: '王主任',
      role: 'street_staff',
      scope: 'S1',
    });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { id: string } };
    expect(user).toMatchObject({
      username: 's1-lead',
      displayName: '王主任',
      role: 'street_staff',
      scope: 'S1',
      disabled: false,
    });
    expect(user).not.toHaveProperty('passwordHash');
    await signIn(app, 's1-lead', 'a-long-password');
    const [entry] = await listAudit(store, { action: 'user.create' });
    expect(entry).toMatchObject({
      actor: { via: 'api', username: 'east', role: 'evaluator' },
      target: `user:${user.id}`,
      after: { username: 's1-lead', role: 'street_staff', scope: 'S1' },
    });
    expect(JSON.stringify(entry)).not.toContain('a-long-password');
  });

  it('refuses to grant a region or role the granter does not hold, with 403 and a reason', async () => {
    const cityWide = await add(east, { username: 'x1', role: 'leadership', scope: '*' });
    expect(cityWide.status).toBe(403);
    expect(await cityWide.json()).toEqual({
      error:
        '不能授予本人范围以外的区划(全市) / cannot grant a region outside your own (city-wide)',
    });
    const foreign = await add(east, { username: 'x2', role: 'evaluator', scope: 'D2' });
    expect(foreign.status).toBe(403);
    expect((await add(east, { username: 'x3', role: 'community_staff', scope: 'C3' })).status).toBe(
      403,
    );
    const staff = await signIn(app, 'street');
    expect(
      (await add(staff, { username: 'x4', role: 'community_staff', scope: 'C1' })).status,
    ).toBe(403);
    expect((await store.query("SELECT * FROM users WHERE username LIKE 'x%'")).length).toBe(0);
  });

  it('refuses a taken name (409), a scope that does not fit the role (400) and a weak password (400)', async () => {
    expect((await add(city, { username: 'EAST', role: 'leadership', scope: 'D1' })).status).toBe(
      409,
    );
    const level = await add(city, { username: 'y1', role: 'community_staff', scope: 'S1' });
    expect(level.status).toBe(400);
    expect(((await level.json()) as { error: string }).error).toMatch(
      /社区工作人员的范围应为.*community/,
    );
    expect((await add(city, { username: 'y2', role: 'street_staff', scope: 'NOPE' })).status).toBe(
      400,
    );
    const weak = await add(city, {
      username: 'y3',
      role: 'leadership',
      scope: null,
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toEqual({
      errors: [
        { field: 'password', message: '密码至少 8 个字符 / a password has at least 8 characters' },
      ],
    });
    expect((await add(city, { username: 'y4', role: 'superuser', scope: null })).status).toBe(400);
  });
});
