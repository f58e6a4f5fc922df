/// <reference lib="dom" />
// @manyi/charts types its figures with the DOM's Element; they are rendered here through linkedom.
import { Command } from 'commander';
import { renderToSvg } from '@manyi/charts/renderToSvg';
import { residentScoresByStreet } from '@manyi/charts/residentScoresByStreet';
import { campaignStateNames } from '@manyi/domain/campaign';
import { bilingual } from '@manyi/domain/messages';
import { publishYear, type PublishOptions } from '@manyi/scoring/publishYear';
import { machineActor } from '@manyi/store/audit';
import { getCampaign, setCampaignState } from '@manyi/store/campaigns';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

/**
 * Draws a district's chart of published communities with `@manyi/charts`, as `publishYear` asks.
 *
 * @example await publishYear(store, 2026, dir, { drawScores: drawPublicScores });
 */
export const drawPublicScores: PublishOptions['drawScores'] = (rows, options) =>
  renderToSvg(residentScoresByStreet, rows, options);

/**
 * `manyi publish --year Y --out DIR`: writes the public results site of a finalized year (and
 * moves it to published, logged as the machine's account) or rewrites that of a published one.
 * Any other state is refused and nothing is written.
 */
export function publishCommand(): Command {
  return new Command('publish')
    .description(
      '公布年度结果:生成公开结果网站,已定稿的年度改为已发布 / publish a year: write the public results site; a finalized year becomes published',
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .requiredOption('--out <dir>', '输出目录 / output folder')
    .addOption(dbOption())
    .action((options: { year: number; out: string; db?: string }) =>
      withStore(options.db, async (open) => {
        const { year, out } = options;
        const store = await open();
        const before = await getCampaign(store, year);
        if (before && before.state !== 'finalized' && before.state !== 'published')
          throw new Error(
            bilingual(
              `${year} 年度测评为${campaignStateNames[before.state]},须先定稿才能发布(npx manyi campaign finalize --year ${year})`,
              `the ${year} campaign is ${before.state}: finalize it before publishing (npx manyi campaign finalize --year ${year})`,
            ),
          );
        // the site first: a year is never published without its site
        const site = await publishYear(store, year, out, { drawScores: drawPublicScores });
        if (before?.state === 'finalized')
          await setCampaignState(store, year, 'published', { actor: machineActor() });
        console.log(
          bilingual(
            `已公布 ${year} 年度结果(评分运行 ${site.runId}):${site.units} 个单位,${site.suppressed} 个单位因样本少于10份未公布;网站在 ${out}`,
            `published ${year} (run ${site.runId}): ${site.units} units, ${site.suppressed} left out for fewer than 10 responses; the site is in ${out}`,
          ),
        );
        if (before?.state === 'finalized')
          console.log(
            bilingual(
              `${year} 年度测评:已定稿 → 已发布`,
              `the ${year} campaign: finalized → published`,
            ),
          );
      }),
    );
}
