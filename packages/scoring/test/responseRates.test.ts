import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@manyi/store/audit';
import { createCampaign } from '@manyi/store/campaigns';
import { setPaperHandedOut } from '@manyi/store/distribution';
import { hashInvitationToken, issueInvitations, redeemInvitations } from '@manyi/store/invitations';
import type { Store } from '@manyi/store/Store';
import { responseRates, type ResponseRate } from '../src/responseRates.ts';
import { ratedResponse, regionStore } from './smallRegion.ts';

// D1 → S1 (C1, C2), S2 (C3). Hand-checked 2026 figures:
//   C1: 10 invitations (2 used) + 20 paper = 30 handed out, 6 valid → 0.2
//   C2: nothing handed out, 3 valid (walk-up answers)          → null
//   C3: 5 paper, 5 valid                                       → 1
//   S1: (6 + 3) / 30 = 0.3; S2: 5 / 5 = 1; D1 and the city: 14 / 35 = 0.4 (Σ ÷ Σ, not a mean of rates)
describe('responseRates', () => {
  let store: Store;
  beforeAll(async () => {
    store = await regionStore();
    const resident = (subject: string, n: number) =>
      Array.from({ length: n }, () => ratedResponse(2026, 'resident', { subject }, 4));
    const ids = await store.responses.appendAll([
      ...resident('C1', 6),
      ...resident('C2', 3),
      ...resident('C3', 5),
      // not resident answers: no part of a response rate
      ratedResponse(2026, 'street_to_community', { subject: 'C1', rater: 'S1' }, 4),
    ]);
    const tokens = await issueInvitations(
      store,
      { year: 2026, communityCode: 'C1', count: 10 },
      systemActor,
      async (batch) => batch.tokens,
    );
    await store.transaction((db) =>
      redeemInvitations(
        db,
        tokens.slice(0, 2).map((token, i) => ({
          tokenHash: hashInvitationToken(token),
          year: 2026,
          communityCode: 'C1',
          responseId: ids[i]!,
        })),
      ),
    );
    for (const [code, paper] of [
      ['C1', 20],
      ['C3', 5],
    ] as const)
      await setPaperHandedOut(
        store,
        { year: 2026, communityCode: code, paperHandedOut: paper },
        systemActor,
      );
  });
  afterAll(() => store.close());

  const figures = (r: ResponseRate) => [
    r.level,
    r.code,
    r.parentCode,
    r.invitations,
    r.invitationsUsed,
    r.paperHandedOut,
    r.distributed,
    r.validResponses,
    r.responseRate,
  ];

  it('divides valid responses by what was handed out, per community and summed upwards', async () => {
    expect((await responseRates(store, 2026)).map(figures)).toEqual([
      // C2 entered nothing handed out: its 3 answers count in no rate above it (6 + 5 of 35)
      ['city', null, null, 10, 2, 25, 35, 14, 11 / 35],
      ['district', 'D1', null, 10, 2, 25, 35, 14, 11 / 35],
      ['street', 'S1', 'D1', 10, 2, 20, 30, 9, 0.2],
      ['street', 'S2', 'D1', 0, 0, 5, 5, 5, 1],
      ['community', 'C1', 'S1', 10, 2, 20, 30, 6, 0.2],
      ['community', 'C2', 'S1', 0, 0, 0, 0, 3, null],
      ['community', 'C3', 'S2', 0, 0, 5, 5, 5, 1],
    ]);
    const names = (await responseRates(store, 2026)).map((r) => r.name);
    expect(names).toEqual(['全市', '东区', '东街道', '东乡', '幸福社区', '和平社区', '青山村']);
  });

  it("reads a draft year's units from the current tree, with nothing handed out yet", async () => {
    await createCampaign(
      store,
      { year: 2027, title: '草稿', opensAt: null, closesAt: null },
      systemActor,
    );
    await setPaperHandedOut(
      store,
      { year: 2027, communityCode: 'C2', paperHandedOut: 4 },
      systemActor,
    );
    const rows = await responseRates(store, 2027);
    expect(rows.map((r) => [r.code, r.distributed, r.validResponses, r.responseRate])).toEqual([
      [null, 4, 0, 0],
      ['D1', 4, 0, 0],
      ['S1', 4, 0, 0],
      ['S2', 0, 0, null],
      ['C1', 0, 0, null],
      ['C2', 4, 0, 0],
      ['C3', 0, 0, null],
    ]);
  });
});
