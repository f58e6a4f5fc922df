import type { CampaignState } from '@manyi/domain/campaign';
import type { Role } from '@manyi/domain/user';

// Copies of @manyi/domain's tables, kept here because the domain modules that hold them also
// build zod schemas, which would add ~90 kB to the page. test/lifecycleRules.test.ts checks that
// each copy equals the domain's.

/** Chinese names of the campaign states (`campaignStateNames`). */
export const stateNames: Record<CampaignState, string> = {
  draft: '草稿',
  open: '进行中',
  closed: '已结束',
  finalized: '已定稿',
  published: '已发布',
};

/** The allowed transitions (`campaignTransitions`). */
export const transitions: Record<CampaignState, readonly CampaignState[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'finalized'],
  finalized: ['published', 'closed'],
  published: [],
};

/** Chinese names of the roles (`roleNames`). */
export const roleLabels: Record<Role, string> = {
  evaluator: '考评办',
  leadership: '领导',
  street_staff: '街道工作人员',
  community_staff: '社区工作人员',
};

/** A finalized or published year takes no write (`isFrozen`). */
export function frozen(state: CampaignState): boolean {
  return state === 'finalized' || state === 'published';
}

/** Reopening a finalized year is the one transition that needs a reason (`needsReason`). */
export function isReopen(from: CampaignState, to: CampaignState): boolean {
  return from === 'finalized' && to === 'closed';
}
