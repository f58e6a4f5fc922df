import type { Campaign } from '@manyi/domain/campaign';
import type { CommunitySummary } from '@manyi/domain/region';
import { qrCodeSvg } from './qrCodeSvg.ts';
import { a4Page, accent, muted } from './page.ts';
import { fitLines, svgText } from './svgText.ts';

/** What a community's poster shows. */
export interface PosterContent {
  campaign: Pick<Campaign, 'year' | 'title'>;
  community: Pick<CommunitySummary, 'name' | 'streetName' | 'districtName'>;
  /** The community's resident page, `/s/<code>` on our own server. */
  url: string;
}

/**
 * A community's QR poster, A4 portrait, as SVG: the campaign title on a red band, the
 * community and its street, a large QR code to its resident page, short instructions
 * (扫码参与、匿名、约3分钟), and the address in text for those who type it.
 *
 * @example await posterSvg({ campaign, community, url: surveyUrl(base, 'C0101') })
 */
export async function posterSvg({ campaign, community, url }: PosterContent): Promise<string> {
  const title = fitLines(campaign.title, { size: 10, maxWidth: 186, maxLines: 2, wrappedSize: 8 });
  const name = fitLines(community.name, { size: 15, maxWidth: 186, maxLines: 2, wrappedSize: 10 });
  const centered = { x: 105, maxWidth: 186, anchor: 'middle' as const };
  const qrSize = 118;
  return a4Page([
    `<rect x="0" y="0" width="210" height="50" fill="${accent}"/>`,
    ...title.lines.map((line, i) =>
      svgText(line, {
        ...centered,
        y: (title.lines.length === 1 ? 30 : 24) + i * title.size * 1.3,
        size: title.size,
        weight: 'bold',
        fill: '#ffffff',
      }),
    ),
    ...name.lines.map((line, i) =>
      svgText(line, {
        ...centered,
        y: (name.lines.length === 1 ? 74 : 65) + i * name.size * 1.25,
        size: name.size,
        weight: 'bold',
      }),
    ),
    svgText(`${community.districtName} · ${community.streetName}`, {
      ...centered,
      y: 89,
      size: 6,
      fill: muted,
    }),
    await qrCodeSvg(url, { x: (210 - qrSize) / 2, y: 98, size: qrSize, errorCorrection: 'Q' }),
    svgText('扫码参与居民满意度测评', {
      ...centered,
      y: 239,
      size: 10,
      weight: 'bold',
      fill: accent,
    }),
    svgText('匿名填写 · 约 3 分钟 · 不收集姓名和电话', { ...centered, y: 252, size: 6 }),
    svgText('也可在手机浏览器中打开：', { ...centered, y: 266, size: 4.2, fill: muted }),
    svgText(url, { ...centered, y: 274, size: 5, mono: true }),
    `<rect x="0" y="287" width="210" height="10" fill="${accent}"/>`,
  ]);
}
