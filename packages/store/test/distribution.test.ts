import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit.ts';
import { CampaignRefusedError } from '../src/CampaignRefusedError.ts';
import { setPaperHandedOut } from '../src/distribution.ts';
import type { Store } from '../src/Store.ts';
import { UnknownCommunityError } from '../src/UnknownCommunityError.ts';
import { importStore } from './importFixture.ts';

const actor = { via: 'cli' as const, userId: null, username: 'owner', role: null };
let store: Store;
afterEach(() => store.close());

const set = (paperHandedOut: number, communityCode = '010101', year = 2026) =>
  setPaperHandedOut(store, { year, communityCode, paperHandedOut }, actor);

describe('setPaperHandedOut', () => {
  it('keeps the latest count per community and logs each change with before and after', async () => {
    store = await importStore();
    expect(await set(120)).toMatchObject({
      year: 2026,
      communityCode: '010101',
      paperHandedOut: 120,
      updatedBy: 'owner',
    });
    await set(150);
    expect(await store.query('SELECT community_code, handed_out FROM paper_distribution')).toEqual([
      { community_code: '010101', handed_out: 150 },
    ]);
    const log = await listAudit(store, { action: 'distribution.set' });
    expect(log.map((e) => [e.target, e.before, e.after])).toEqual([
      ['distribution:2026/010101', { paperHandedOut: 120 }, { paperHandedOut: 150 }],
      ['distribution:2026/010101', null, { paperHandedOut: 120 }],
    ]);
  });

  it('refuses a frozen year, a year without a campaign and an unknown community', async () => {
    store = await importStore(':memory:', 'finalized');
    const frozen = await set(1).catch((e: unknown) => e);
    expect(frozen).toBeInstanceOf(CampaignRefusedError);
    expect((frozen as CampaignRefusedError).reason).toBe('frozen');
    expect(
      ((await set(1, '010101', 2099).catch((e: unknown) => e)) as CampaignRefusedError).reason,
    ).toBe('missing');
    await store.close();
    store = await importStore(':memory:', 'closed'); // a closed year still takes late counts
    expect(await set(7)).toMatchObject({ paperHandedOut: 7 });
    expect(await set(1, 'C404').catch((e: unknown) => e)).toBeInstanceOf(UnknownCommunityError);
    expect(await store.query('SELECT count(*)::INTEGER AS n FROM paper_distribution')).toEqual([
      { n: 1 },
    ]);
  });
});
