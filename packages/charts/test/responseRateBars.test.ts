import { describe, expect, it } from 'vitest';
import { renderToSvg } from '../src/renderToSvg.ts';
import { responseRateBars } from '../src/responseRateBars.ts';
import { hostile, mainSvg, nodeDocument, responseRates } from './fixtures.ts';
import { assertGolden } from './golden.ts';

const streetRates = responseRates.filter((r) => r.level === 'street');
const communityRates = responseRates.filter((r) => r.level === 'community');
const city = responseRates.find((r) => r.level === 'city')!;

describe('responseRateBars', () => {
  it('draws the streets’ response rates with the city’s (golden)', () => {
    const markup = renderToSvg(responseRateBars, streetRates, {
      title: '各街道(乡镇)问卷回收率',
      overall: city.responseRate,
    });
    assertGolden('responseRateBars', markup);
  });

  it('draws one street’s communities, lowest first, and counts those without a rate (golden)', () => {
    const rows = communityRates.filter((r) => r.parentCode === 'D04S02');
    const markup = renderToSvg(responseRateBars, rows, { width: 560 });
    assertGolden('responseRateBars-communities', markup);
  });

  it('has a bar per unit with a rate, lowest first', () => {
    const figure = responseRateBars(communityRates, { document: nodeDocument() });
    const rated = communityRates.filter((r) => r.responseRate != null);
    expect(figure.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(rated.length);
    const lowest = rated.toSorted((a, b) => a.responseRate! - b.responseRate!)[0]!;
    expect(mainSvg(figure).getAttribute('aria-description')).toContain(`最低${lowest.name}`);
    expect(figure.querySelector('figcaption')!.textContent).toContain(
      `另有 ${communityRates.length - rated.length} 个单位尚未录入发放数`,
    );
  });

  it('escapes names taken from the data', () => {
    const markup = renderToSvg(responseRateBars, hostile(communityRates), {});
    expect(markup).not.toMatch(/<img|<script/);
  });
});
