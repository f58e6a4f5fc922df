import { describe, expect, it } from 'vitest';
import { rankIntervals } from '../src/rankIntervals.ts';
import { renderToSvg } from '../src/renderToSvg.ts';
import { communities, hostile, mainSvg, nodeDocument } from './fixtures.ts';
import { assertGolden } from './golden.ts';

const urban = communities.filter((r) => r.rankingClass === 'urban');

describe('rankIntervals', () => {
  it('draws the best and worst five urban communities with their rank intervals (golden)', () => {
    const markup = renderToSvg(rankIntervals, urban, { count: 5, width: 720 });
    assertGolden('rankIntervals', markup);
  });

  it('ranks within the district when asked, all units when they are few (golden)', () => {
    const few = communities.filter((r) => r.streetCode === 'D01S01');
    const markup = renderToSvg(rankIntervals, few, { rank: 'rankInDistrict', count: 10 });
    assertGolden('rankIntervals-district', markup);
  });

  it('draws each interval from its low to its high rank, and leaves out the unranked', () => {
    const figure = rankIntervals(urban, { count: 5, document: nodeDocument() });
    const bars = [...figure.querySelectorAll('g[aria-label="rule"] line')];
    expect(bars).toHaveLength(10);
    const unranked = urban.filter((r) => r.rankInClass == null).length;
    expect(unranked).toBeGreaterThan(0);
    expect(figure.querySelector('figcaption')!.textContent).toContain(`${unranked} 个单位样本不足`);
    // the fixture holds two districts: the best of them has the smallest citywide class rank
    const best = urban
      .filter((r) => r.rankInClass != null)
      .sort((a, b) => a.rankInClass!.rank - b.rankInClass!.rank)[0]!;
    const { rank, low, high } = best.rankInClass!;
    const interval = low === high ? '' : `(${low}–${high})`;
    expect(mainSvg(figure).getAttribute('aria-description')).toContain(
      `前列:${best.name}第 ${rank} 名${interval}`,
    );
  });

  it('escapes names taken from the data', () => {
    const markup = renderToSvg(rankIntervals, hostile(urban), { count: 3 });
    expect(markup).not.toMatch(/<img|<script/);
    expect(markup).toContain('&lt;img');
  });
});
