import type { Context } from 'hono';
import {
  invitationRefusalMessage,
  normalizeInvitationToken,
  type InvitationCheck,
} from '@manyi/domain/invitation';
import { InvitationRefusedError } from '@manyi/store/InvitationRefusedError';
import { checkInvitation, hashInvitationToken } from '@manyi/store/invitations';
import type { Store } from '@manyi/store/Store';
import { problem } from '../../problem.ts';
import type { InvitationGuessThrottle } from './InvitationGuessThrottle.ts';
import { invitationRefusal } from './refusals.ts';

/** A token as a request presents it (`?t=` or a submission's field), for a community. */
export interface PresentedToken {
  /** As scanned or typed: normalized here. */
  token: string;
  communityCode: string;
  /** The year of the campaign that takes submissions now; null when none does. */
  openYear: number | null;
  /** The client submission id of a submission (a retry of the one that used the token passes). */
  submissionId?: string;
}

/** What presenting a token came to: throttled (wait this long), or checked. */
export type Inspection =
  { throttledMs: number } | { check: InvitationCheck; tokenHash: string | null };

/**
 * Checks a presented token, throttled per client address: an address that presented too many
 * unknown tokens lately is turned away before any lookup, and an unknown (or malformed) token
 * counts against it. Read-only.
 *
 * @example const seen = await inspectInvitation(store, guesses, address, { token: c.req.query('t'), communityCode: 'C1', openYear: 2026 });
 */
export async function inspectInvitation(
  store: Store,
  guesses: InvitationGuessThrottle,
  address: string,
  presented: PresentedToken,
): Promise<Inspection> {
  const throttledMs = guesses.retryAfter(address);
  if (throttledMs > 0) return { throttledMs };
  const token = normalizeInvitationToken(presented.token);
  const tokenHash = token && hashInvitationToken(token);
  const check = tokenHash
    ? await checkInvitation(store, { ...presented, tokenHash })
    : { valid: false, reason: 'unknown' as const, message: invitationRefusalMessage('unknown') };
  if (check.reason === 'unknown') guesses.fail(address);
  return { check, tokenHash };
}

/**
 * For `POST /responses` with an invitation: the token's hash to store the response with (its
 * writer marks the invitation used in the same transaction, `redeemInvitations`), or the answer
 * refusing the submission: 429 throttled, 403 unknown, 409 used or of a campaign not open.
 *
 * @example
 * const tokenHash = await submissionInvitation(c, store, guesses, address, { token, communityCode, openYear, submissionId });
 * if (tokenHash instanceof Response) return tokenHash;
 */
export async function submissionInvitation(
  c: Context,
  store: Store,
  guesses: InvitationGuessThrottle,
  address: string,
  presented: PresentedToken,
): Promise<string | Response> {
  const seen = await inspectInvitation(store, guesses, address, presented);
  if ('throttledMs' in seen) return tooManyGuesses(c, seen.throttledMs);
  const { check, tokenHash } = seen;
  if (check.valid && tokenHash) return tokenHash;
  return invitationRefusal(new InvitationRefusedError(check.reason ?? 'unknown'), c)!;
}

/** 429 with Retry-After, for an address that presented too many unknown tokens. */
export function tooManyGuesses(c: Context, waitMs: number): Response {
  const minutes = Math.ceil(waitMs / 60_000);
  c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
  return problem(
    c,
    429,
    `无效的邀请码尝试过多,请 ${minutes} 分钟后再试`,
    `too many invalid invitation codes: try again in ${minutes} min`,
  );
}
