import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Campaign } from '@manyi/domain/campaign';
import { formatInvitationCode, slipsPerPage } from '@manyi/domain/invitation';
import type { CommunitySummary } from '@manyi/domain/region';
import { a4Page, accent, muted } from './page.ts';
import { qrCodeSvg } from './qrCodeSvg.ts';
import { fitLines, svgText, type TextOptions } from './svgText.ts';
import { surveyUrl } from './surveyUrl.ts';

/** What a sheet of invitation slips shows. */
export interface SlipsContent {
  campaign: Pick<Campaign, 'year' | 'title'>;
  community: Pick<CommunitySummary, 'code' | 'name' | 'streetName' | 'districtName'>;
  /** The public base URL (see `publicBaseUrl`). */
  base: string;
  tokens: readonly string[];
}

/** A slip's size: A4 cut into 2 columns and 5 rows. */
const slipWidth = 105;
const slipHeight = 297 / 5;

/**
 * Sheets of invitation slips, A4 portrait, 10 to a page (2 × 5, with dashed cut lines), as one
 * SVG per page. Each slip: a QR code to the community's page with its token, the code below it
 * for typing, the campaign, the community, and short instructions.
 *
 * @example const pages = await slipPagesSvg({ campaign, community, base, tokens }); // 25 tokens → 3 pages
 */
export async function slipPagesSvg(content: SlipsContent): Promise<string[]> {
  const pages: string[] = [];
  for (let first = 0; first < content.tokens.length; first += slipsPerPage) {
    const tokens = content.tokens.slice(first, first + slipsPerPage);
    const slips = await Promise.all(
      tokens.map((token, i) =>
        slipSvg(content, token, (i % 2) * slipWidth, Math.floor(i / 2) * slipHeight),
      ),
    );
    pages.push(a4Page([...slips, cutLines()]));
    await yieldToEventLoop(); // QR codes are made synchronously: let submissions through between pages
  }
  return pages;
}

/** One slip with its top-left corner at (x, y). */
async function slipSvg(content: SlipsContent, token: string, x: number, y: number) {
  const { community, base } = content;
  const code = formatInvitationCode(token);
  const half = code.indexOf('-', code.length / 2 - 2); // two lines of about equal length
  const column = { x: x + 47, maxWidth: slipWidth - 47 - 5 };
  return [
    await qrCodeSvg(surveyUrl(base, community.code, token), { x: x + 7, y: y + 6, size: 35 }),
    ...[code.slice(0, half + 1), code.slice(half + 1)].map((line, i) =>
      svgText(line, {
        x: x + 24.5,
        y: y + 46.5 + i * 4.4,
        size: 3.2,
        maxWidth: 35,
        anchor: 'middle',
        mono: true,
      }),
    ),
    slipHeading(content, column, y),
    svgText('扫码填写居民满意度问卷', { ...column, y: y + 32, size: 3.2 }),
    svgText('匿名 · 约 3 分钟 · 本邀请仅限使用一次', { ...column, y: y + 37, size: 2.8 }),
    svgText('无法扫码时，在浏览器中打开', { ...column, y: y + 44.5, size: 2.6, fill: muted }),
    svgText(surveyUrl(base, community.code).replace(/^https?:\/\//, ''), {
      ...column,
      y: y + 48.8,
      size: 2.8,
      mono: true,
    }),
    svgText('并输入左侧的邀请码', { ...column, y: y + 53, size: 2.6, fill: muted }),
  ].join('\n');
}

/**
 * A slip's campaign title, community and region, top down from `top`: a long title or name
 * takes two lines rather than becoming unreadably small (the block ends above y + 29).
 */
function slipHeading(
  { campaign, community }: SlipsContent,
  column: { x: number; maxWidth: number },
  top: number,
): string {
  const fit = { maxWidth: column.maxWidth, maxLines: 2 };
  const title = fitLines(campaign.title, { ...fit, size: 3.4, wrappedSize: 2.8 });
  const name = fitLines(community.name, { ...fit, size: 5, wrappedSize: 3.6 });
  let baseline = top + 7;
  const lines = (set: { lines: string[]; size: number }, options: Partial<TextOptions>) =>
    set.lines.map((line) =>
      svgText(line, { ...column, ...options, y: (baseline += set.size * 1.15), size: set.size }),
    );
  const heading = lines(title, { weight: 'bold', fill: accent });
  baseline += 2;
  heading.push(...lines(name, { weight: 'bold' }));
  baseline += 1.2;
  heading.push(
    ...lines(
      { lines: [`${community.districtName} · ${community.streetName}`], size: 2.8 },
      {
        fill: muted,
      },
    ),
  );
  return heading.join('\n');
}

/** Dashed lines to cut the page into its slips along. */
function cutLines(): string {
  const dash = 'stroke="#9e9e9e" stroke-width="0.2" stroke-dasharray="2 1.5"';
  const rows = [1, 2, 3, 4].map(
    (r) => `<line x1="0" y1="${r * slipHeight}" x2="210" y2="${r * slipHeight}" ${dash}/>`,
  );
  return [`<line x1="${slipWidth}" y1="0" x2="${slipWidth}" y2="297" ${dash}/>`, ...rows].join(
    '\n',
  );
}
