import { describe, expect, it } from 'vitest';
import { renderToSvg } from '../src/renderToSvg.ts';
import { starCounts } from '../src/starCounts.ts';
import { mainSvg, nodeDocument, unitResults } from './fixtures.ts';
import { assertGolden } from './golden.ts';

describe('starCounts', () => {
  it('counts streets and communities by stars (golden)', () => {
    assertGolden('starCounts', renderToSvg(starCounts, unitResults, { title: '2026年 星级分布' }));
  });

  it('has one bar per level and star rating, each labelled with its count', () => {
    const figure = starCounts(unitResults, { document: nodeDocument() });
    const labels = [...figure.querySelectorAll('g[aria-label="text"] text')].map(
      (t) => t.textContent,
    );
    const communities = unitResults.filter((r) => r.level === 'community');
    const fourStars = communities.filter((r) => r.stars === 4).length;
    expect(labels).toContain(
      `${fourStars}个 · ${Math.round((fourStars / communities.length) * 100)}%`,
    );
    expect(mainSvg(figure).getAttribute('aria-description')).toMatch(/^街道\(乡镇\):.*社区\(村\):/);
  });
});
