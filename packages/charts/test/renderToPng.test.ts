import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartNames, chartRegistry } from '../src/chartRegistry.ts';
import {
  renderToPng,
  renderToStandaloneSvg,
  standaloneSvgOf,
  svgToPng,
} from '../src/renderToPng.ts';
import {
  residentScoresByStreet,
  type CommunityResidentScore,
} from '../src/residentScoresByStreet.ts';
import { responseRates, unitResults } from './fixtures.ts';

const rows: CommunityResidentScore[] = JSON.parse(
  readFileSync(new URL('./fixtures/liveResidentScores.json', import.meta.url), 'utf8'),
);

/** Where the pictures go, to be looked at. */
const shots = '/tmp/manyi-shots';

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderToStandaloneSvg', () => {
  it('turns the figure into one SVG: title, subtitle and caption as SVG text, the plot nested', () => {
    const svg = renderToStandaloneSvg(residentScoresByStreet, rows, {});
    expect(svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(svg).not.toMatch(/<(figure|h2|h3|figcaption|div|span)\b/);
    expect(svg).toContain('>各街道(乡镇)社区居民满意度得分</text>');
    expect(svg).toContain('>空心灰点:样本不足(答卷少于30份),仅供参考。');
    // the plot itself, below the title: 640 wide, with 12 px of margin each side
    expect(svg).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="664"/);
    expect(svg.match(/<svg /g)).toHaveLength(2);
  });

  it('draws swatch legends as SVG boxes and labels', () => {
    const svg = standaloneSvgOf((document) =>
      chartRegistry.burdenCompliance!.draw({ year: 2026, results: unitResults }, { document }),
    );
    expect(svg).not.toContain('<span');
    // the legend's HTML styling is not drawn as text
    expect(svg).not.toContain('swatches');
    expect(svg).toMatch(/<svg[^>]*fill="#dc2626"[^>]*>\s*<rect/);
    expect(svg).toContain('>超过上限</text>');
  });
});

describe('renderToPng', () => {
  it('renders the resident-score chart to a PNG, the same bytes every time', async () => {
    const png = await renderToPng(residentScoresByStreet, rows, {});
    expect(png.subarray(0, 8)).toEqual(pngSignature);
    // scale 2: twice the standalone SVG's 664 × height
    const svg = renderToStandaloneSvg(residentScoresByStreet, rows, {});
    const height = Number(/ height="(\d+)"/.exec(svg.slice(svg.indexOf('<svg')))![1]);
    expect(pngSize(png)).toEqual({ width: 1328, height: 2 * height });
    expect(await renderToPng(residentScoresByStreet, rows, {})).toEqual(png);
    mkdirSync(shots, { recursive: true });
    writeFileSync(`${shots}/residentScoresByStreet.png`, png);
  });

  it('draws something: far more bytes than a blank page of the same size', async () => {
    const png = await renderToPng(residentScoresByStreet, rows, {}, { scale: 1 });
    const { width, height } = pngSize(png);
    const blank = await svgToPng(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"/>`,
      { scale: 1 },
    );
    expect(pngSize(blank)).toEqual({ width, height });
    expect(png.length).toBeGreaterThan(10 * blank.length);
    expect(png.length).toBeLessThan(2_000_000);
  });

  it('says what went wrong with an SVG it cannot read', async () => {
    await expect(svgToPng('<svg')).rejects.toThrow(/rsvg-convert 转换失败/);
  });
});

describe('chartRegistry', () => {
  it('draws every registered chart to a PNG, one district or all', async () => {
    const data = { year: 2026, results: unitResults, rates: responseRates };
    const district = unitResults[0]!.districtCode;
    expect(chartNames).toContain('residentScoresByStreet');
    for (const name of chartNames) {
      const svg = standaloneSvgOf((document) =>
        chartRegistry[name]!.draw(data, { district, document }),
      );
      expect(svg, name).toContain('2026年');
      const png = await svgToPng(svg, { scale: 1 });
      expect(png.subarray(0, 8), name).toEqual(pngSignature);
    }
  });
});
