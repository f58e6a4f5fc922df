import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreYear } from '@manyi/scoring/scoreYear';
import { CampaignRefusedError } from '@manyi/store/CampaignRefusedError';
import { getCampaign, saveInstrument } from '@manyi/store/campaigns';
import { importResponses } from '@manyi/store/importResponses';
import type { Store } from '@manyi/store/Store';
import { testInstrument, validSubmission } from '../../../test/fixture.ts';
import { appOn, call, peopleStore, signIn } from '../../../test/people.ts';

let store: Store;
let app: ReturnType<typeof appOn>;
let cookie: string;

beforeEach(async () => {
  ({ store } = await peopleStore());
  app = appOn(store);
  cookie = await signIn(app, 'city');
});
afterEach(() => store.close());

const move = (year: number, to: string, reason?: string) =>
  call(app, 'POST', `/campaigns/${year}/transition`, { cookie, body: { to, reason } });
const submit = () => {
  const body = validSubmission();
  body.answers.grid = 'C1G1';
  return call(app, 'POST', '/responses', { body });
};
const auditCount = async () =>
  Number((await store.query<{ n: bigint }>('SELECT count(*) AS n FROM audit_log'))[0]!.n);

describe('campaign lifecycle over the API', () => {
  it('creates a draft, edits it, and refuses what a draft does not allow', async () => {
    const created = await call(app, 'POST', '/campaigns', {
      cookie,
      body: {
        year: 2027,
        title: '2027年度测评',
        opensAt: '2027-11-10T00:00:00+08:00',
        closesAt: '2027-12-11T00:00:00+08:00',
      },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      year: 2027,
      title: '2027年度测评',
      opensAt: '2027-11-10T00:00:00+08:00',
      closesAt: '2027-12-11T00:00:00+08:00',
      state: 'draft',
    });
    expect(
      (await call(app, 'POST', '/campaigns', { cookie, body: { year: 2027, title: 'x' } })).status,
    ).toBe(409);
    const patched = await call(app, 'PATCH', '/campaigns/2027', {
      cookie,
      body: { title: '新标题', closesAt: null },
    });
    expect(await patched.json()).toMatchObject({
      title: '新标题',
      closesAt: null,
      opensAt: '2027-11-10T00:00:00+08:00',
    });
    const backwards = await call(app, 'PATCH', '/campaigns/2027', {
      cookie,
      body: { opensAt: '2027-12-01T00:00:00+08:00', closesAt: '2027-11-01T00:00:00+08:00' },
    });
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({
      errors: [{ field: 'closesAt', message: expect.stringMatching(/结束时间应晚于开始时间/) }],
    });
    expect(
      (await call(app, 'PATCH', '/campaigns/2027', { cookie, body: { state: 'open' } })).status,
    ).toBe(400);
    expect(
      (await call(app, 'PATCH', '/campaigns/2026', { cookie, body: { title: 'x' } })).status,
    ).toBe(409); // open
    expect(
      (await call(app, 'PATCH', '/campaigns/2099', { cookie, body: { title: 'x' } })).status,
    ).toBe(404);
    const noForm = await move(2027, 'open');
    expect(noForm.status).toBe(409);
    expect(await noForm.json()).toEqual({
      error:
        '2027 年度测评还没有居民问卷,不能开始 / the 2027 campaign has no resident instrument: it cannot open',
    });
  });

  it('refuses a transition the lifecycle does not allow with 409 and a clear message, logging nothing', async () => {
    const before = await auditCount();
    const res = await move(2026, 'published');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error:
        '2026 年度测评为进行中,不能改为已发布 / the 2026 campaign is open: it cannot become published; 可改为:已结束 / it may go to: closed',
    });
    expect((await move(2026, 'draft')).status).toBe(409);
    expect((await move(2026, 'unknown')).status).toBe(400);
    expect((await move(2099, 'open')).status).toBe(404);
    expect(await auditCount()).toBe(before);
    expect((await getCampaign(store, 2026))!.state).toBe('open');
  });

  it('freezes a finalized year: submission 409, import, instrument and scoring refused; reopening needs a reason and is logged', async () => {
    expect((await submit()).status).toBe(201);
    expect((await move(2026, 'closed')).status).toBe(200);
    expect((await submit()).status).toBe(409);
    expect(await (await move(2026, 'open')).json()).toMatchObject({ state: 'open' }); // reopen before finalizing
    expect((await move(2026, 'closed')).status).toBe(200);
    expect(await (await move(2026, 'finalized')).json()).toMatchObject({
      year: 2026,
      state: 'finalized',
    });

    expect((await submit()).status).toBe(409);
    const imported = await importResponses(
      store,
      { columns: [], rows: [], rowNumbers: [] },
      { year: 2026, instrument: 'resident' },
    ).catch((e: unknown) => e);
    expect(imported).toBeInstanceOf(CampaignRefusedError);
    expect((imported as CampaignRefusedError).reason).toBe('frozen');
    const instrument = await saveInstrument(store, 2026, testInstrument).catch((e: unknown) => e);
    expect((instrument as CampaignRefusedError).reason).toBe('frozen');
    await expect(scoreYear(store, 2026)).rejects.toThrow(/已定稿.*finalized/);
    expect(
      (await call(app, 'PATCH', '/campaigns/2026', { cookie, body: { title: 'x' } })).status,
    ).toBe(409);
    expect((await move(2026, 'open')).status).toBe(409);

    for (const reason of [undefined, '  ']) {
      const res = await move(2026, 'closed', reason);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error:
          '重新开放已定稿的 2026 年度测评须说明理由 / reopening the finalized 2026 campaign needs a reason',
      });
    }
    expect((await getCampaign(store, 2026))!.state).toBe('finalized');
    expect(await (await move(2026, 'closed', '补录纸质问卷')).json()).toMatchObject({
      state: 'closed',
    });

    const log = (await (
      await call(app, 'GET', '/audit?year=2026&action=campaign.', { cookie })
    ).json()) as {
      action: string;
      actor: { via: string; username: string };
      reason: string | null;
    }[];
    expect(log.map((e) => e.action)).toEqual([
      'campaign.reopen',
      'campaign.finalize',
      'campaign.close',
      'campaign.open',
      'campaign.close',
      'campaign.open', // by the fixture
      'campaign.create',
    ]);
    expect(log[0]).toMatchObject({
      actor: { via: 'api', username: 'city' },
      reason: '补录纸质问卷',
    });
    expect(log.at(-1)).toMatchObject({ actor: { via: 'system' } });
  });

  it('publishes a finalized year, after which nothing moves', async () => {
    for (const to of ['closed', 'finalized', 'published'])
      expect((await move(2026, to)).status).toBe(200);
    for (const to of ['draft', 'open', 'closed', 'finalized'])
      expect((await move(2026, to, '理由')).status).toBe(409);
  });
});
