import { describe, expect, it } from 'vitest';
import { compositeDistribution } from '../src/compositeDistribution.ts';
import { renderToSvg } from '../src/renderToSvg.ts';
import { communities, mainSvg, nodeDocument, streets } from './fixtures.ts';
import { assertGolden } from './golden.ts';

describe('compositeDistribution', () => {
  it('draws the communities’ composites by star rating (golden)', () => {
    const markup = renderToSvg(compositeDistribution, communities, {
      title: '2026年 社区(村)综合得分分布',
    });
    assertGolden('compositeDistribution', markup);
  });

  it('draws the streets in wider bins at a narrow width (golden)', () => {
    const markup = renderToSvg(compositeDistribution, streets, { width: 360, binWidth: 5 });
    assertGolden('compositeDistribution-streets', markup);
  });

  it('counts every scored unit once and names those left out', () => {
    // a unit without a composite (none in the fixture has none)
    const rows = [...communities, { ...communities[0]!, code: 'X', composite: null, stars: null }];
    const figure = compositeDistribution(rows, { document: nodeDocument() });
    const bars = [...figure.querySelectorAll('g[aria-label="rect"] rect')];
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights.every((h) => h > 0)).toBe(true);
    const scored = communities.filter((r) => r.composite != null).length;
    const unscored = 1;
    expect(figure.querySelector('figcaption')!.textContent).toContain(
      `其中 ${unscored} 个无综合得分`,
    );
    expect(mainSvg(figure).getAttribute('aria-description')).toMatch(
      new RegExp(`^${scored}个单位的综合得分`),
    );
  });

  it('says so when there is nothing to draw', () => {
    const figure = compositeDistribution([], { document: nodeDocument() });
    expect(mainSvg(figure).getAttribute('aria-description')).toBe('暂无综合得分。');
  });
});
