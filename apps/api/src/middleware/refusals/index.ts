import type { Context } from 'hono';
import { CampaignRefusedError } from '@manyi/store/CampaignRefusedError';
import { CampaignStateError } from '@manyi/store/CampaignStateError';
import { UserRefusedError } from '@manyi/store/UserRefusedError';
import { invitationRefusal } from '../../routes/invitations/refusals.ts';

/**
 * The answer to a write the store refused, or undefined for any other error (a 500). The store
 * throws these from inside its transactions, so a route never has to check state before writing:
 * a frozen year is 409 whichever route tried.
 */
export function refusal(error: unknown, c: Context): Response | undefined {
  const invitation = invitationRefusal(error, c);
  if (invitation) return invitation;
  const status = refusalStatus(error);
  return status && c.json({ error: (error as Error).message }, status);
}

/** The status of a refused write. */
function refusalStatus(error: unknown): 400 | 404 | 409 | undefined {
  if (error instanceof CampaignRefusedError) return error.reason === 'missing' ? 404 : 409;
  if (error instanceof CampaignStateError)
    return error.reason === 'missing'
      ? 404
      : error.reason === 'invalid' || error.reason === 'reason-required'
        ? 400
        : 409;
  if (error instanceof UserRefusedError)
    return error.reason === 'missing' ? 404 : error.reason === 'scope' ? 400 : 409;
  return undefined;
}
