import type { Context } from 'hono';
import { InvitationRefusedError } from '@manyi/store/InvitationRefusedError';
import { UnknownCommunityError } from '@manyi/store/UnknownCommunityError';

/**
 * The answer to a refusal of the invitation and distribution stores, or undefined for any other
 * error: an unknown invitation 403, a used one or one of a campaign that is not open 409 (with
 * its `reason`, so that the resident's page can say which), an unknown community 404.
 */
export function invitationRefusal(error: unknown, c: Context): Response | undefined {
  if (error instanceof InvitationRefusedError)
    return c.json(
      { error: error.message, reason: error.reason },
      error.reason === 'unknown' ? 403 : 409,
    );
  if (error instanceof UnknownCommunityError) return c.json({ error: error.message }, 404);
  return undefined;
}

/**
 * A route group's error handler: answers the refusals above and hands anything else on to the
 * app's own handler (campaign refusals, 500).
 */
export function answerInvitationRefusals(error: Error, c: Context): Response {
  const refused = invitationRefusal(error, c);
  if (refused) return refused;
  throw error;
}
