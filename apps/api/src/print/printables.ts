import { formatInvitationCode, type InvitationFormat } from '@manyi/domain/invitation';
import type { Actor } from '@manyi/store/audit';
import { campaignCommunity, campaignOfYear } from '@manyi/store/campaignCommunity';
import { issueInvitations, type InvitationBatch } from '@manyi/store/invitations';
import type { Store } from '@manyi/store/Store';
import { UnknownCommunityError } from '@manyi/store/UnknownCommunityError';
import { slipPagesSvg } from './invitationSlips.ts';
import { posterSvg } from './poster.ts';
import { renderPages, type PrintFormat, type RenderOptions } from './renderPages.ts';
import { surveyUrl } from './surveyUrl.ts';

/** A community of a year, and the public base URL its codes point to (see `publicBaseUrl`). */
export interface PrintTarget {
  year: number;
  communityCode: string;
  base: string;
}

/**
 * A community's QR poster as SVG, PNG or PDF, for a year with a campaign in any state. Refused
 * with `CampaignRefusedError` (no campaign) or `UnknownCommunityError` (no such community).
 *
 * @example await posterFile(store, { year: 2026, communityCode: 'C1', base: 'https://manyi.example.gov.cn' }, 'pdf')
 */
export async function posterFile(
  store: Store,
  target: PrintTarget,
  format: PrintFormat,
  options?: RenderOptions,
): Promise<Buffer> {
  const { year, communityCode, base } = target;
  const campaign = await campaignOfYear(store, year);
  const community = await campaignCommunity(store, year, communityCode);
  if (!community) throw new UnknownCommunityError(year, communityCode);
  const svg = await posterSvg({ campaign, community, url: surveyUrl(base, communityCode) });
  return renderPages([svg], format, options);
}

/** Invitations as JSON: the links for a page or a mail merge of one's own. */
export interface InvitationList {
  year: number;
  community: { code: string; name: string; streetName: string; districtName: string };
  issuedAt: string;
  invitations: { token: string; code: string; url: string }[];
}

/**
 * Issues `count` invitations for a community and returns them as the evaluator receives them,
 * the only time their tokens appear: slips as PDF (any number of pages) or PNG (one page), or
 * the links as JSON. Rendered before the hashes are stored (`issueInvitations`).
 *
 * @example const pdf = await issueInvitationSheet(store, { year: 2026, communityCode: 'C1', base, count: 20 }, 'pdf', actor);
 */
export async function issueInvitationSheet(
  store: Store,
  target: PrintTarget & { count: number },
  format: InvitationFormat,
  actor: Actor,
  options?: RenderOptions,
): Promise<Buffer | InvitationList> {
  const { year, communityCode, count, base } = target;
  return issueInvitations(store, { year, communityCode, count }, actor, async (batch) =>
    format === 'json'
      ? invitationList(batch, base)
      : renderPages(await slipPagesSvg({ ...batch, base }), format, options),
  );
}

/** A batch as JSON. */
function invitationList(batch: InvitationBatch, base: string): InvitationList {
  const { code, name, streetName, districtName } = batch.community;
  return {
    year: batch.campaign.year,
    community: { code, name, streetName, districtName },
    issuedAt: batch.issuedAt.toISOString(),
    invitations: batch.tokens.map((token) => ({
      token,
      code: formatInvitationCode(token),
      url: surveyUrl(base, code, token),
    })),
  };
}
