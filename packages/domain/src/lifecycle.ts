import { z } from 'zod';
import { campaignStateNames, campaignStates, type CampaignState } from './campaign.ts';
import { bilingual } from './messages.ts';

/**
 * The campaign's allowed transitions: draft → open → closed → finalized → published, a closed
 * campaign may open again before it is finalized, and a finalized one may be reopened (back to
 * closed) by an explicit, logged act with a reason. Nothing else.
 */
export const campaignTransitions: Record<CampaignState, readonly CampaignState[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'finalized'],
  finalized: ['published', 'closed'],
  published: [],
};

/** The verbs of the transitions, as the CLI names them and the audit log records them. */
export type CampaignAction = 'open' | 'close' | 'finalize' | 'publish' | 'reopen';

/** The state each action leads to. */
export const campaignActionTargets: Record<CampaignAction, CampaignState> = {
  open: 'open',
  close: 'closed',
  finalize: 'finalized',
  publish: 'published',
  reopen: 'closed',
};

/** A finalized (or published) year is frozen: it takes no write of any kind (DATA-MODEL.md). */
export function isFrozen(state: CampaignState): boolean {
  return state === 'finalized' || state === 'published';
}

/** The verb of an allowed transition (finalized → closed is the logged `reopen`). */
export function transitionAction(from: CampaignState, to: CampaignState): CampaignAction {
  if (from === 'finalized' && to === 'closed') return 'reopen';
  return to === 'closed'
    ? 'close'
    : to === 'finalized'
      ? 'finalize'
      : to === 'published'
        ? 'publish'
        : 'open';
}

/** Whether a transition needs a reason: reopening a finalized year does (it unfreezes the ranking). */
export function needsReason(from: CampaignState, to: CampaignState): boolean {
  return from === 'finalized' && to === 'closed';
}

/**
 * Why a campaign cannot go from `from` to `to`, or undefined when it can.
 *
 * @example transitionRefusal(2026, 'draft', 'finalized') // → '2026 年度测评为草稿,不能直接改为已定稿…'
 */
export function transitionRefusal(
  year: number,
  from: CampaignState,
  to: CampaignState,
): string | undefined {
  if (campaignTransitions[from].includes(to)) return undefined;
  const next = campaignTransitions[from];
  const allowed = next.length
    ? bilingual(
        `可改为:${next.map((s) => campaignStateNames[s]).join('、')}`,
        `it may go to: ${next.join(', ')}`,
      )
    : bilingual('已发布的测评不能再改变状态', 'a published campaign changes no more');
  return `${bilingual(
    `${year} 年度测评为${campaignStateNames[from]},不能改为${campaignStateNames[to]}`,
    `the ${year} campaign is ${from}: it cannot become ${to}`,
  )}; ${allowed}`;
}

/**
 * The states to pass through, in order, to take a new (draft) campaign to `to` the forward way.
 * For seeds and test fixtures, which each take one allowed step at a time.
 *
 * @example lifecyclePath('finalized') // → ['open', 'closed', 'finalized']
 */
export function lifecyclePath(to: CampaignState): CampaignState[] {
  return campaignStates.slice(1, campaignStates.indexOf(to) + 1);
}

/** An opening or closing time: ISO 8601 with its offset, e.g. 2026-11-10T00:00:00+08:00. */
const windowTime = z.iso
  .datetime({
    offset: true,
    error: bilingual(
      '时间应为带时区的 ISO 8601 格式,例如 2026-11-10T00:00:00+08:00',
      'a time is ISO 8601 with its offset, e.g. 2026-11-10T00:00:00+08:00',
    ),
  })
  .nullable();

/** A window whose closing time, when both are given, comes after its opening time. */
const orderedWindow = <T extends { opensAt?: string | null; closesAt?: string | null }>(w: T) =>
  !w.opensAt || !w.closesAt || Date.parse(w.opensAt) < Date.parse(w.closesAt);
const windowOrderMessage = {
  message: bilingual('结束时间应晚于开始时间', 'the closing time must come after the opening time'),
  path: ['closesAt'],
};

/** The body of `POST /api/v1/campaigns`: a new campaign, created as a draft. */
export const newCampaignSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(1).max(200),
    opensAt: windowTime.default(null),
    closesAt: windowTime.default(null),
  })
  .refine(orderedWindow, windowOrderMessage);
export type NewCampaign = z.infer<typeof newCampaignSchema>;

/** The body of `PATCH /api/v1/campaigns/:year`: a draft's title and window. */
export const campaignChangesSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    opensAt: windowTime.optional(),
    closesAt: windowTime.optional(),
  })
  .strict()
  .refine(orderedWindow, windowOrderMessage);
export type CampaignChanges = z.infer<typeof campaignChangesSchema>;

/** The body of `POST /api/v1/campaigns/:year/transition`. */
export const transitionSchema = z.object({
  to: z.enum(campaignStates),
  reason: z.string().trim().max(500).optional(),
});
