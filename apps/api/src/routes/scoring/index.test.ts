import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { call } from '../../../test/people.ts';
import { yearEndStore, type YearEndAccount } from '../../../test/yearEndStore.ts';

let store: Store;
let app: Awaited<ReturnType<typeof yearEndStore>>['app'];
let cookies: Record<YearEndAccount, string>;

beforeAll(async () => {
  ({ store, app, cookies } = await yearEndStore());
}, 60_000);
afterAll(() => store.close());

const score = (who: YearEndAccount, body?: unknown, year = 2026) =>
  call(app, 'POST', `/scoring/${year}`, { cookie: cookies[who], body });

describe('POST /api/v1/scoring/:year', () => {
  it('runs the scoring with the seed given, logged with who ran it', async () => {
    const res = await score('chief', { seed: 7 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ year: 2026, runId: 1, seed: 7 });
    expect(body.communities).toBeGreaterThan(100);
    expect(body.streets).toBeGreaterThan(10);
    const [entry] = await listAudit(store, { action: 'scoring.run' });
    expect(entry).toMatchObject({
      actor: { username: 'chief', via: 'api' },
      target: 'scoring_run:1',
      year: 2026,
      after: { runId: 1, seed: 7 },
    });
    // no body: the seed defaults to the year
    expect(await (await score('chief')).json()).toMatchObject({ runId: 2, seed: 2026 });
  });

  it('is for city-wide evaluators only, and checks the body', async () => {
    expect((await score('district')).status).toBe(403);
    expect((await score('leader')).status).toBe(403);
    expect((await call(app, 'POST', '/scoring/2026')).status).toBe(401);
    expect((await score('chief', { seed: -1 })).status).toBe(400);
    expect((await score('chief', { seeds: 1 })).status).toBe(400);
    expect((await score('chief', undefined, 2031)).status).toBe(404);
  });

  it('refuses to score a frozen year with 409', async () => {
    await setCampaignState(store, 2026, 'closed');
    await setCampaignState(store, 2026, 'finalized');
    const res = await score('chief');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/已定稿.*finalized/);
  });
});
