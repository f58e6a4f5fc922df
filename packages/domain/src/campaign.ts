import { z } from 'zod';

/** draft → open → closed → finalized (frozen) → published. */
export const campaignStates = ['draft', 'open', 'closed', 'finalized', 'published'] as const;
export type CampaignState = (typeof campaignStates)[number];

export const campaignSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(200),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  state: z.enum(campaignStates),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** Chinese names of the states, for messages and pages. */
export const campaignStateNames: Record<CampaignState, string> = {
  draft: '草稿',
  open: '进行中',
  closed: '已结束',
  finalized: '已定稿',
  published: '已发布',
};

/** Only an open campaign takes submissions (DATA-MODEL.md). */
export function takesSubmissions(campaign: Campaign): boolean {
  return campaign.state === 'open';
}
