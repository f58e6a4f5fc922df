import { createHash, randomBytes } from 'node:crypto';
import { listValue } from '@duckdb/node-api';
import type { Tx } from './Tx.ts';
import type { Campaign } from '@manyi/domain/campaign';
import {
  invitationAlphabet,
  invitationRefusalMessage,
  invitationTokenLength,
  type InvitationCheck,
  type InvitationRefusalReason,
} from '@manyi/domain/invitation';
import { isFrozen } from '@manyi/domain/lifecycle';
import { bilingual } from '@manyi/domain/messages';
import type { CommunitySummary } from '@manyi/domain/region';
import { audit, type Actor } from './audit.ts';
import { CampaignRefusedError } from './CampaignRefusedError.ts';
import { campaignCommunity, campaignOfYear, rowsOf, type Reads } from './campaignCommunity.ts';
import { frozenYearError } from './frozenYears.ts';
import { InvitationRefusedError } from './InvitationRefusedError.ts';
import type { Store } from './Store.ts';
import { UnknownCommunityError } from './UnknownCommunityError.ts';

/** A request for invitations: how many, for which community of which year. */
export interface InvitationRequest {
  year: number;
  communityCode: string;
  count: number;
}

/** Invitations just made, before they are stored: the only time their tokens exist in clear. */
export interface InvitationBatch {
  campaign: Campaign;
  community: CommunitySummary;
  tokens: string[];
  issuedAt: Date;
}

/**
 * Issues one-time invitations for a community of a draft or open campaign (never a closed or
 * frozen one). `deliver` turns the fresh tokens into what the evaluator receives (the printable
 * sheet) before anything is stored, outside the write lock; then only the tokens' SHA-256
 * hashes are stored and the issue is logged (community and count, never a token), in one
 * transaction. If `deliver` or the write fails, no invitation exists; once stored, the tokens
 * live only in what `deliver` returned.
 *
 * @example const pdf = await issueInvitations(store, { year: 2026, communityCode: 'C1', count: 10 }, actor, (batch) => slipsPdf(batch));
 */
export async function issueInvitations<T>(
  store: Store,
  request: InvitationRequest,
  actor: Actor,
  deliver: (batch: InvitationBatch) => Promise<T>,
): Promise<T> {
  const { year, communityCode, count } = request;
  const { campaign, community } = await issuableCommunity(store, year, communityCode);
  const batch = { campaign, community, tokens: newInvitationTokens(count), issuedAt: new Date() };
  const delivered = await deliver(batch);
  // Invitations change no region, campaign or instrument: the caches keyed on those stay valid.
  await store.transaction(async (db) => {
    await issuableCommunity(db, year, communityCode); // the campaign may have moved meanwhile
    await db.run(
      `INSERT INTO invitations (token_hash, year, community_code, issued_at, issued_by)
       SELECT hash, $1, $2, $3::TIMESTAMPTZ, $4 FROM unnest($5::VARCHAR[]) AS fresh(hash)`,
      [
        year,
        communityCode,
        batch.issuedAt.toISOString(),
        actor.username,
        listValue(batch.tokens.map(hashInvitationToken)),
      ],
    );
    await audit(db, {
      actor,
      action: 'invitation.issue',
      target: `invitations:${year}/${communityCode}`,
      year,
      after: { community: communityCode, count },
      at: batch.issuedAt,
    });
  }, 'responses');
  return delivered;
}

/**
 * The campaign and community invitations (and posters) are printed for, or the refusal: no such
 * campaign (404), a closed or frozen one (409), no such community in the year's units (404).
 */
export async function issuableCommunity(
  db: Reads,
  year: number,
  communityCode: string,
): Promise<{ campaign: Campaign; community: CommunitySummary }> {
  const campaign = await campaignOfYear(db, year);
  if (isFrozen(campaign.state)) throw frozenYearError(year, campaign.state);
  if (campaign.state === 'closed')
    throw new CampaignRefusedError(
      year,
      'not-open',
      bilingual(
        `${year} 年度测评已结束,不再发放邀请`,
        `the ${year} campaign is closed: no more invitations are issued`,
      ),
    );
  const community = await campaignCommunity(db, year, communityCode);
  if (!community) throw new UnknownCommunityError(year, communityCode);
  return { campaign, community };
}

/** `count` fresh tokens: 26 characters of Crockford's base32 each, 130 random bits. */
export function newInvitationTokens(count: number): string[] {
  const bytes = randomBytes(count * invitationTokenLength);
  return Array.from({ length: count }, (_, i) => {
    let token = '';
    for (let j = 0; j < invitationTokenLength; j++)
      token += invitationAlphabet[bytes[i * invitationTokenLength + j]! & 31]; // 256 / 32: uniform
    return token;
  });
}

/**
 * What is stored of a token (canonical form, see `normalizeInvitationToken`): its SHA-256. A
 * 130-bit random token needs no slow hash.
 */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A token presented for a community while `openYear`'s campaign takes submissions (null: none does). */
export interface InvitationPresented {
  tokenHash: string;
  communityCode: string;
  openYear: number | null;
  /**
   * The client submission id, when a submission presents it: a retry of the submission that
   * used the token finds it used by itself, which is no refusal (the retry stores nothing).
   */
  submissionId?: string;
}

/**
 * Whether a token may be used now, read-only: for the resident's page before the survey starts,
 * and for a submission before it queues (the write checks again, `redeemInvitations`).
 *
 * @example await checkInvitation(store, { tokenHash, communityCode: 'C1', openYear: 2026 }) // → { valid: false, reason: 'used', … }
 */
export async function checkInvitation(
  store: Store,
  presented: InvitationPresented,
): Promise<InvitationCheck> {
  const [row] = await store.query<InvitationRow>(
    `SELECT i.year, i.community_code, i.used_at, r.client_id
     FROM invitations i LEFT JOIN responses r ON r.id = i.response_id
     WHERE i.token_hash = $1`,
    [presented.tokenHash],
  );
  const reason = refusalOf(row, presented);
  return { valid: reason === null, reason, message: reason && invitationRefusalMessage(reason) };
}

/** A response that uses an invitation. */
export interface InvitationClaim {
  tokenHash: string;
  year: number;
  communityCode: string;
  responseId: string;
}

/**
 * Marks invitations used by these responses, on the connection of the transaction that stores
 * the responses, so that both commit or neither does. One conditional update (`used_at IS NULL`)
 * under the store's single writer: of two submissions with one token, exactly one gets it. Any
 * claim that cannot be met (unknown, another community or year, used already, or claimed twice
 * here) throws `InvitationRefusedError`, which rolls the transaction back.
 *
 * @example await redeemInvitations(db, [{ tokenHash, year: 2026, communityCode: 'C1', responseId }]);
 */
export async function redeemInvitations(
  db: Tx,
  claims: readonly InvitationClaim[],
  at: Date = new Date(),
): Promise<void> {
  if (!claims.length) return;
  if (new Set(claims.map((c) => c.tokenHash)).size < claims.length)
    throw new InvitationRefusedError('used');
  const reader = await db.runAndReadAll(
    `UPDATE invitations SET used_at = $1::TIMESTAMPTZ, response_id = claim.response_id
     FROM (SELECT unnest($2::VARCHAR[]) AS token_hash, unnest($3::INTEGER[]) AS year,
                  unnest($4::VARCHAR[]) AS community_code, unnest($5::VARCHAR[]) AS response_id) claim
     WHERE invitations.token_hash = claim.token_hash AND invitations.year = claim.year
       AND invitations.community_code = claim.community_code AND invitations.used_at IS NULL
     RETURNING invitations.token_hash`,
    [
      at.toISOString(),
      listValue(claims.map((c) => c.tokenHash)),
      listValue(claims.map((c) => c.year)),
      listValue(claims.map((c) => c.communityCode)),
      listValue(claims.map((c) => c.responseId)),
    ],
  );
  if (reader.currentRowCount === claims.length) return;
  const redeemed = new Set(reader.getRows().map(([hash]) => String(hash)));
  const refused = claims.find((c) => !redeemed.has(c.tokenHash))!;
  const [row] = await rowsOf<InvitationRow>(
    db,
    `SELECT year, community_code, used_at, NULL AS client_id FROM invitations WHERE token_hash = $1`,
    [refused.tokenHash],
  );
  throw new InvitationRefusedError(
    refusalOf(row, { communityCode: refused.communityCode, openYear: refused.year }) ?? 'used',
  );
}

interface InvitationRow {
  year: number;
  community_code: string;
  used_at: Date | null;
  client_id: string | null;
}

/** Why a stored invitation (or none) cannot serve this community and year now, or null. */
function refusalOf(
  row: InvitationRow | undefined,
  presented: Omit<InvitationPresented, 'tokenHash'>,
): InvitationRefusalReason | null {
  if (!row || row.community_code !== presented.communityCode) return 'unknown';
  if (row.year !== presented.openYear) return 'not-open';
  if (row.used_at === null) return null;
  const replay = presented.submissionId !== undefined && row.client_id === presented.submissionId;
  return replay ? null : 'used';
}
