import { campaignStateNames, type Campaign } from '@manyi/domain/campaign';
import { bilingual } from '@manyi/domain/messages';

/** A year that cannot take an import: none, not yet open, frozen, or without the instrument. */
export class CampaignRefusedError extends Error {
  constructor(
    readonly year: number,
    readonly reason: 'missing' | 'not-open' | 'frozen' | 'no-instrument',
    message: string,
  ) {
    super(message);
  }
}

/** Refuses a year without a campaign, one not yet open (it has no unit snapshot), or a frozen one. */
export function assertTakesImport(year: number, campaign: Campaign | undefined): void {
  if (!campaign)
    throw new CampaignRefusedError(
      year,
      'missing',
      bilingual(`没有 ${year} 年度的测评`, `there is no ${year} campaign`),
    );
  const state = `${campaignStateNames[campaign.state]} ${campaign.state}`;
  if (campaign.state === 'draft')
    throw new CampaignRefusedError(
      year,
      'not-open',
      bilingual(
        `${year} 年度测评尚未开始(${state}),不能导入答卷`,
        `the ${year} campaign has not opened (${campaign.state}): no responses can be imported`,
      ),
    );
  if (campaign.state === 'finalized' || campaign.state === 'published')
    throw new CampaignRefusedError(
      year,
      'frozen',
      bilingual(
        `${year} 年度测评已定稿(${state}),数据已冻结,不能导入答卷`,
        `the ${year} campaign is ${campaign.state}: its data are frozen and take no import`,
      ),
    );
}
