import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignStates, type CampaignState } from '@manyi/domain/campaign';
import { campaignTransitions, lifecyclePath } from '@manyi/domain/lifecycle';
import { unitsFromRegionRows } from '@manyi/domain/region';
import { listAudit } from '../src/audit.ts';
import { CampaignRefusedError } from '../src/CampaignRefusedError.ts';
import {
  createCampaign,
  getCampaign,
  saveCampaign,
  saveInstrument,
  setCampaignState,
  updateCampaign,
} from '../src/campaigns.ts';
import { CampaignStateError } from '../src/CampaignStateError.ts';
import { assertYearsWritable } from '../src/frozenYears.ts';
import { replaceRegions } from '../src/regions.ts';
import { openStore, type Store } from '../src/Store.ts';
import { residentInstrument, testRegion } from './importFixture.ts';

const actor = { via: 'cli' as const, userId: null, username: 'owner', role: null };
let store: Store;

beforeEach(async () => {
  store = await openStore({ path: ':memory:' });
  await replaceRegions(store, unitsFromRegionRows(testRegion));
});
afterEach(() => store.close());

/** A campaign for `year` with a resident form, taken the forward way to `state`. */
async function campaignIn(year: number, state: CampaignState): Promise<void> {
  await createCampaign(
    store,
    { year, title: `${year}年度测评`, opensAt: null, closesAt: null },
    actor,
  );
  await saveInstrument(store, year, residentInstrument, actor);
  for (const step of lifecyclePath(state)) await setCampaignState(store, year, step, { actor });
}

describe('setCampaignState', () => {
  // Every (from, to) pair: 5 × 5, each in its own year of one store.
  const pairs = campaignStates.flatMap((from) => campaignStates.map((to) => [from, to] as const));
  it.each(pairs.map(([from, to], i) => [from, to, 2001 + i] as const))(
    '%s → %s is allowed exactly when the lifecycle says so',
    async (from, to, year) => {
      await campaignIn(year, from);
      const allowed = campaignTransitions[from].includes(to);
      const move = setCampaignState(store, year, to, { actor, reason: '复核' });
      if (allowed) {
        await expect(move).resolves.toMatchObject({ year, state: to });
      } else {
        const error = await move.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CampaignStateError);
        expect((error as CampaignStateError).reason).toBe('transition');
        expect((error as Error).message).toMatch(/不能改为.* \/ .*cannot become/);
      }
      expect((await getCampaign(store, year))!.state).toBe(allowed ? to : from);
    },
  );

  it('reopens a finalized year only with a reason, and logs who, when and why', async () => {
    await campaignIn(2026, 'finalized');
    for (const reason of [undefined, '', '   ']) {
      const error = await setCampaignState(store, 2026, 'closed', { actor, reason }).catch(
        (e: unknown) => e,
      );
      expect((error as CampaignStateError).reason).toBe('reason-required');
    }
    expect((await getCampaign(store, 2026))!.state).toBe('finalized');
    await setCampaignState(store, 2026, 'closed', { actor, reason: '补录纸质问卷' });
    const [entry] = await listAudit(store, { action: 'campaign.reopen' });
    expect(entry).toMatchObject({
      actor: { via: 'cli', username: 'owner' },
      target: 'campaign:2026',
      year: 2026,
      reason: '补录纸质问卷',
      before: { state: 'finalized' },
      after: { state: 'closed' },
    });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
  });

  it('logs every step of the lifecycle, the finalize with the run it pins', async () => {
    await campaignIn(2026, 'published');
    const entries = await listAudit(store, { year: 2026 });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'campaign.create',
      'instrument.create',
      'campaign.open',
      'campaign.close',
      'campaign.finalize',
      'campaign.publish',
    ]);
    expect(entries.find((e) => e.action === 'campaign.finalize')!.after).toEqual({
      state: 'finalized',
      latestRunId: null,
    });
  });

  it('refuses to open without a resident form, and refuses an unknown year', async () => {
    await createCampaign(store, { year: 2026, title: 't', opensAt: null, closesAt: null }, actor);
    const error = await setCampaignState(store, 2026, 'open').catch((e: unknown) => e);
    expect((error as CampaignStateError).reason).toBe('no-instrument');
    const missing = await setCampaignState(store, 2030, 'open').catch((e: unknown) => e);
    expect((missing as CampaignStateError).reason).toBe('missing');
  });

  it('snapshots the region at the first opening only', async () => {
    await campaignIn(2026, 'closed');
    await replaceRegions(store, unitsFromRegionRows(testRegion.slice(0, 1)));
    await setCampaignState(store, 2026, 'open');
    const [row] = await store.query<{ n: bigint }>(
      'SELECT count(*) AS n FROM campaign_units WHERE year = 2026',
    );
    expect(Number(row!.n)).toBe(unitsFromRegionRows(testRegion).length);
  });
});

describe('a frozen year', () => {
  for (const state of ['finalized', 'published'] as const)
    it(`refuses every write to a ${state} year: instruments, title, state backwards`, async () => {
      await campaignIn(2026, state);
      const instrument = await saveInstrument(store, 2026, residentInstrument).catch(
        (e: unknown) => e,
      );
      expect(instrument).toBeInstanceOf(CampaignRefusedError);
      expect((instrument as CampaignRefusedError).reason).toBe('frozen');
      expect((instrument as Error).message).toMatch(/冻结.*frozen/);
      const title = await updateCampaign(store, 2026, { title: '改' }, actor).catch(
        (e: unknown) => e,
      );
      expect((title as CampaignStateError).reason).toBe('not-draft');
      await expect(setCampaignState(store, 2026, 'open')).rejects.toThrow(CampaignStateError);
      await expect(
        store.transaction((db) => assertYearsWritable(db, [2025, 2026])),
      ).rejects.toThrow(CampaignRefusedError);
    });

  it('lets writes to open, closed and unknown years pass the check', async () => {
    await campaignIn(2026, 'open');
    await campaignIn(2027, 'closed');
    await expect(
      store.transaction((db) => assertYearsWritable(db, [2026, 2027, 2099])),
    ).resolves.toBeUndefined();
  });
});

describe('campaign drafts', () => {
  it('creates a draft once, edits it while a draft, and keeps the window in order', async () => {
    await createCampaign(store, { year: 2026, title: 'a', opensAt: null, closesAt: null }, actor);
    const again = await createCampaign(
      store,
      { year: 2026, title: 'b', opensAt: null, closesAt: null },
      actor,
    ).catch((e: unknown) => e);
    expect((again as CampaignStateError).reason).toBe('exists');
    const edited = await updateCampaign(
      store,
      2026,
      { title: '2026年度测评', closesAt: '2026-12-10T00:00:00+08:00' },
      actor,
    );
    expect(edited).toEqual({
      year: 2026,
      title: '2026年度测评',
      opensAt: null,
      closesAt: '2026-12-10T00:00:00+08:00',
      state: 'draft',
    });
    const disordered = await updateCampaign(
      store,
      2026,
      { opensAt: '2026-12-11T00:00:00+08:00' },
      actor,
    ).catch((e: unknown) => e);
    expect((disordered as CampaignStateError).reason).toBe('invalid');
    const [update] = await listAudit(store, { action: 'campaign.update' });
    expect(update!.before).toMatchObject({ title: 'a', closesAt: null });
    expect(update!.after).toMatchObject({ title: '2026年度测评' });
  });

  it('lets saveCampaign create and edit drafts but never change a state', async () => {
    await saveCampaign(store, {
      year: 2026,
      title: 'a',
      opensAt: null,
      closesAt: null,
      state: 'draft',
    });
    await saveCampaign(store, {
      year: 2026,
      title: 'b',
      opensAt: null,
      closesAt: null,
      state: 'draft',
    });
    expect((await getCampaign(store, 2026))!.title).toBe('b');
    await expect(
      saveCampaign(store, {
        year: 2026,
        title: 'b',
        opensAt: null,
        closesAt: null,
        state: 'finalized',
      }),
    ).rejects.toThrow(CampaignStateError);
    await expect(
      saveCampaign(store, { year: 2027, title: 'c', opensAt: null, closesAt: null, state: 'open' }),
    ).rejects.toThrow(CampaignStateError);
  });
});
