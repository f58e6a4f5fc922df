import { mkdir, rename, writeFile } from 'node:fs/promises';
import type { CommunityResidentScore } from '@manyi/domain/residentScore';
import { join } from 'node:path';
import { campaignStateNames } from '@manyi/domain/campaign';
import { bilingual } from '@manyi/domain/messages';
import { getCampaign } from '@manyi/store/campaigns';
import { CampaignStateError } from '@manyi/store/CampaignStateError';
import type { Store } from '@manyi/store/Store';
import { tableBytes } from '@manyi/store/tableFile';
import { publicPage } from './publicPage.ts';
import {
  publicMinimumResponses,
  publicResults,
  publicTable,
  type PublicResults,
} from './publicResults.ts';
import { residentScoreOf } from './residentScoreOf.ts';

/** One published community's resident score, as the charts draw it. */
export type PublicResidentScore = CommunityResidentScore;

/** What a district's chart is drawn with: its published communities only. */
export interface PublicChartOptions {
  district: string;
  title: string;
  /** Says that only published communities are drawn. */
  subtitle: string;
  /** Below this many responses a community is drawn as 样本不足. */
  minSample: number;
  width: number;
}

export interface PublishOptions {
  /**
   * Draws a district's chart as SVG (or figure) markup with every text escaped, in Node. Charts
   * sit above scoring, so the caller brings them:
   * `(rows, o) => renderToSvg(residentScoresByStreet, rows, o)` with `@manyi/charts`.
   */
  drawScores: (rows: PublicResidentScore[], options: PublicChartOptions) => string;
}

/** What `publishYear` wrote. */
export interface PublishedSite {
  /** Paths of the files written, the page first. */
  files: string[];
  runId: number;
  /** Units shown and units left out (fewer than 10 responses). */
  units: number;
  suppressed: number;
}

/**
 * Writes the public results site of a finalized or published year into `outDir`: `index.html`
 * (rankings per district, charts, method note) and `results-<year>.csv` (the same public table,
 * UTF-8 with BOM), from the year's latest stored run. No group with fewer than 10 responses
 * appears in either, nor any answer. The campaign's state is the caller's: it moves finalized →
 * published with `setCampaignState` once the site is written. Each file appears whole or not at all.
 *
 * @example
 * await publishYear(store, 2026, 'public/2026', {
 *   drawScores: (rows, o) => renderToSvg(residentScoresByStreet, rows, o),
 * });
 * await setCampaignState(store, 2026, 'published', { actor });
 */
export async function publishYear(
  store: Store,
  year: number,
  outDir: string,
  options: PublishOptions,
): Promise<PublishedSite> {
  const campaign = await getCampaign(store, year);
  if (!campaign)
    throw new CampaignStateError(
      year,
      'missing',
      bilingual(`没有 ${year} 年度的测评`, `there is no ${year} campaign`),
    );
  if (campaign.state !== 'finalized' && campaign.state !== 'published')
    throw new CampaignStateError(
      year,
      'transition',
      bilingual(
        `${year} 年度测评为${campaignStateNames[campaign.state]},只有已定稿或已发布的年度可以公布结果`,
        `the ${year} campaign is ${campaign.state}: only a finalized or published year can be published`,
      ),
    );
  const published = await publicResults(store, year);
  if (!published)
    throw new CampaignStateError(
      year,
      'transition',
      bilingual(
        `${year} 年度尚无评分结果,无法公布`,
        `the ${year} campaign has no results to publish`,
      ),
    );
  const csvName = `results-${year}.csv`;
  const page = publicPage(published, {
    title: campaign.title,
    csvName,
    figures: districtFigures(published, options.drawScores),
  });
  const csv = await tableBytes(publicTable(published), 'csv');
  await mkdir(outDir, { recursive: true });
  const files = [join(outDir, 'index.html'), join(outDir, csvName)];
  await writeWhole(files[0]!, page);
  await writeWhole(files[1]!, csv);
  return {
    files,
    runId: published.run.runId,
    units: published.districts.reduce((n, d) => n + d.streets.length + d.communities.length, 0),
    suppressed: published.suppressed,
  };
}

/** Each district's chart of its published communities' resident scores. */
function districtFigures(
  published: PublicResults,
  draw: PublishOptions['drawScores'],
): Map<string, string> {
  const figures = new Map<string, string>();
  for (const district of published.districts) {
    const rows: PublicResidentScore[] = district.communities.map(residentScoreOf);
    if (!rows.some((r) => r.score !== null)) continue;
    figures.set(
      district.code,
      draw(rows, {
        district: district.code,
        title: `${district.name} 各社区(村)居民满意度`,
        subtitle: `${district.name} · 每点一个公布的社区(村)(有效样本不少于 ${publicMinimumResponses} 份),竖线为街道(乡镇)中位数,按中位数从高到低排列`,
        minSample: published.settings.minResponses,
        width: 760,
      }),
    );
  }
  return figures;
}

/** Writes a file whole: to a partial file first, then renamed into place. */
async function writeWhole(path: string, content: string | Uint8Array): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, content);
  await rename(partial, path);
}
