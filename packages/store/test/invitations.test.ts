import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lifecyclePath } from '@manyi/domain/lifecycle';
import { listAudit } from '../src/audit.ts';
import { CampaignRefusedError } from '../src/CampaignRefusedError.ts';
import { createCampaign, setCampaignState, saveInstrument } from '../src/campaigns.ts';
import { InvitationRefusedError } from '../src/InvitationRefusedError.ts';
import {
  checkInvitation,
  hashInvitationToken,
  issueInvitations,
  redeemInvitations,
} from '../src/invitations.ts';
import type { Store } from '../src/Store.ts';
import { UnknownCommunityError } from '../src/UnknownCommunityError.ts';
import { importStore, residentInstrument } from './importFixture.ts';

const actor = { via: 'api' as const, userId: 'u1', username: 'kpb', role: 'evaluator' as const };
const community = '010101';
let store: Store;

beforeEach(async () => {
  store = await importStore();
});
afterEach(() => store.close());

/** Issues invitations and returns their tokens (what the printed sheet would carry). */
const issue = (count: number, year = 2026, communityCode = community) =>
  issueInvitations(store, { year, communityCode, count }, actor, async (batch) => batch.tokens);

/**
 * Stores a response that uses an invitation, as the submission's writer does: the response and
 * the redemption in one transaction.
 */
const submitWith = (token: string, communityCode = community, year = 2026) =>
  store.transaction(async (db) => {
    const id = randomUUID();
    await db.run(
      `INSERT INTO responses (id, client_id, year, instrument, subject_code, source, submitted_at, answers)
       VALUES (?, ?, ?, 'resident', ?, 'web', now(), '{}')`,
      [id, `client-${id}`, year, communityCode],
    );
    await redeemInvitations(db, [
      { tokenHash: hashInvitationToken(token), year, communityCode, responseId: id },
    ]);
    return id;
  }, 'responses');

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'stored',
    (e: unknown) => (e instanceof InvitationRefusedError ? e.reason : e),
  );

const count = async (sql: string, params: string[] = []) =>
  Number((await store.query<{ n: bigint }>(sql, params))[0]!.n);

describe('issueInvitations', () => {
  it('stores only the hashes of fresh tokens and logs the community and count, never a token', async () => {
    const tokens = await issue(25);
    expect(tokens).toHaveLength(25);
    expect(new Set(tokens).size).toBe(25);
    for (const token of tokens) expect(token).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    const rows = await store.query<Record<string, unknown>>('SELECT * FROM invitations');
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatchObject({
      year: 2026,
      community_code: community,
      issued_by: 'kpb',
      used_at: null,
      response_id: null,
    });
    const stored = new Set(rows.map((r) => r.token_hash));
    expect(tokens.every((t) => stored.has(hashInvitationToken(t)))).toBe(true);

    const everything = JSON.stringify([
      rows.map((r) => Object.values(r).map(String)),
      await store
        .query('SELECT * FROM audit_log', [])
        .then((r) => r.map((e) => Object.values(e).map(String))),
    ]);
    for (const token of tokens) expect(everything).not.toContain(token);

    const [entry] = await listAudit(store, { action: 'invitation.issue' });
    expect(entry).toMatchObject({
      actor: { via: 'api', username: 'kpb' },
      target: `invitations:2026/${community}`,
      year: 2026,
      after: { community, count: 25 },
    });
  });

  it('stores nothing when the sheet cannot be made', async () => {
    const failed = issueInvitations(
      store,
      { year: 2026, communityCode: community, count: 3 },
      actor,
      async () => {
        throw new Error('printer on fire');
      },
    );
    await expect(failed).rejects.toThrow('printer on fire');
    expect(await count('SELECT count(*) AS n FROM invitations')).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'invitation.issue'"),
    ).toBe(0);
  });

  it('issues for a draft or open campaign, refusing a closed or frozen year, a missing one and an unknown community', async () => {
    await createCampaign(
      store,
      { year: 2027, title: '草稿', opensAt: null, closesAt: null },
      actor,
    );
    expect(await issue(1, 2027)).toHaveLength(1); // before opening: from the current region tree

    const refusal = (year: number, code = community) =>
      issue(1, year, code).then(
        () => 'issued',
        (e: unknown) =>
          e instanceof CampaignRefusedError
            ? e.reason
            : e instanceof UnknownCommunityError
              ? 'unknown community'
              : e,
      );
    expect(await refusal(2026, 'C404')).toBe('unknown community');
    expect(await refusal(2099)).toBe('missing');
    await setCampaignState(store, 2026, 'closed');
    expect(await refusal(2026)).toBe('not-open');
    for (const [year, state] of [
      [2028, 'finalized'],
      [2029, 'published'],
    ] as const) {
      await createCampaign(store, { year, title: `${year}`, opensAt: null, closesAt: null }, actor);
      await saveInstrument(store, year, residentInstrument, actor);
      for (const step of lifecyclePath(state)) await setCampaignState(store, year, step);
      expect(await refusal(year)).toBe('frozen');
    }
    expect(await count('SELECT count(*) AS n FROM invitations')).toBe(1);
  });
});

describe('redeemInvitations', () => {
  it('lets a token serve one response; the second use is refused and rolled back', async () => {
    const [token] = await issue(1);
    const first = await submitWith(token!);
    expect(await refusalOf(submitWith(token!))).toBe('used');
    expect(await count('SELECT count(*) AS n FROM responses')).toBe(1);
    const [row] = await store.query<{ response_id: string; used_at: Date }>(
      'SELECT response_id, used_at FROM invitations',
    );
    expect(row!.response_id).toBe(first);
    expect(row!.used_at).toBeInstanceOf(Date);
  });

  it('stores exactly one of two concurrent submissions with one token', async () => {
    const [token] = await issue(1);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => refusalOf(submitWith(token!))));
    expect(outcomes.sort()).toEqual(['stored', 'used', 'used', 'used']);
    const responses = await store.query<{ id: string }>('SELECT id FROM responses');
    expect(responses).toHaveLength(1);
    expect(
      (await store.query<{ response_id: string }>('SELECT response_id FROM invitations'))[0]!
        .response_id,
    ).toBe(responses[0]!.id);
  });

  it("refuses an unknown token, another community's, another year's, and one claimed twice in a batch", async () => {
    const [token, other] = await issue(2);
    expect(await refusalOf(submitWith('0'.repeat(26)))).toBe('unknown');
    expect(await refusalOf(submitWith(token!, '010102'))).toBe('unknown');
    expect(await refusalOf(submitWith(token!, community, 2025))).toBe('not-open');
    const twice = store.transaction((db) =>
      redeemInvitations(db, [
        {
          tokenHash: hashInvitationToken(other!),
          year: 2026,
          communityCode: community,
          responseId: 'a',
        },
        {
          tokenHash: hashInvitationToken(other!),
          year: 2026,
          communityCode: community,
          responseId: 'b',
        },
      ]),
    );
    expect(await refusalOf(twice)).toBe('used');
    expect(await count('SELECT count(*) AS n FROM invitations WHERE used_at IS NOT NULL')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM responses')).toBe(0);
  });
});

describe('checkInvitation', () => {
  it('tells a resident whether a token can be used now, and lets the submission that used it retry', async () => {
    const [token] = await issue(1);
    const tokenHash = hashInvitationToken(token!);
    const check = (presented: {
      communityCode?: string;
      openYear?: number | null;
      submissionId?: string;
    }) =>
      checkInvitation(store, { tokenHash, communityCode: community, openYear: 2026, ...presented });
    expect(await check({})).toEqual({ valid: true, reason: null, message: null });
    expect(await check({ communityCode: '010102' })).toMatchObject({
      valid: false,
      reason: 'unknown',
    });
    expect(await check({ openYear: null })).toMatchObject({ valid: false, reason: 'not-open' });
    expect(
      await checkInvitation(store, {
        tokenHash: hashInvitationToken('1'.repeat(26)),
        communityCode: community,
        openYear: 2026,
      }),
    ).toMatchObject({ valid: false, reason: 'unknown' });

    const id = await submitWith(token!);
    expect(await check({})).toEqual({
      valid: false,
      reason: 'used',
      message: '此邀请已使用 / this invitation has been used',
    });
    expect(await check({ submissionId: `client-${id}` })).toMatchObject({ valid: true });
    expect(await check({ submissionId: 'another-submission' })).toMatchObject({ reason: 'used' });
  });
});
