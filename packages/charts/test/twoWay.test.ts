import { describe, expect, it } from 'vitest';
import { renderToSvg } from '../src/renderToSvg.ts';
import { twoWayCommunities } from '../src/twoWayCommunities.ts';
import { twoWayStreets } from '../src/twoWayStreets.ts';
import { communities, hostile, mainSvg, nodeDocument, streets, unitResults } from './fixtures.ts';
import { assertGolden } from './golden.ts';

describe('twoWayCommunities', () => {
  it('draws street ratings against residents’ scores, disagreements named (golden)', () => {
    assertGolden('twoWayCommunities', renderToSvg(twoWayCommunities, unitResults, { width: 640 }));
  });

  it('marks exactly the communities whose two scores differ by more than the threshold', () => {
    const threshold = 8;
    const rated = communities.filter((c) => c.streetRating && c.resident.score != null);
    const gap = (c: (typeof rated)[number]) => c.streetRating!.score - c.resident.score!;
    const above = rated.filter((c) => gap(c) > threshold);
    const below = rated.filter((c) => gap(c) < -threshold);
    expect(above.length + below.length).toBeGreaterThan(0);
    const figure = twoWayCommunities(unitResults, {
      threshold,
      maxLabels: 100,
      document: nodeDocument(),
    });
    const groups = [...figure.querySelectorAll('g[aria-label="dot"]')];
    expect(groups.map((g) => g.querySelectorAll('circle').length)).toEqual([
      rated.length - above.length - below.length,
      above.length,
      below.length,
    ]);
    const named = [...figure.querySelectorAll('g[aria-label="text"] text')].map(
      (t) => t.textContent,
    );
    expect(named.toSorted()).toEqual([...above, ...below].map((c) => c.name).toSorted());
    expect(figure.querySelector('figcaption')!.textContent).toContain(
      `相差超过 ${threshold} 分的社区:${above.length + below.length}个`,
    );
  });

  it('escapes names taken from the data', () => {
    const markup = renderToSvg(twoWayCommunities, hostile(unitResults), { threshold: 1 });
    expect(markup).not.toMatch(/<img|<script/);
    expect(markup).toContain('&lt;img');
  });
});

describe('twoWayStreets', () => {
  it('draws community ratings of streets against residents’ scores (golden)', () => {
    assertGolden('twoWayStreets', renderToSvg(twoWayStreets, unitResults, { threshold: 3 }));
  });

  it('has a point per rated street and says which disagree', () => {
    const figure = twoWayStreets(unitResults, { threshold: 3, document: nodeDocument() });
    const points = figure.querySelectorAll('g[aria-label="dot"] circle').length;
    expect(points).toBe(streets.filter((s) => s.communityRating).length);
    expect(mainSvg(figure).getAttribute('aria-description')).toMatch(
      /^10个街道。社区评价比居民高出 3 分以上的\d+个/,
    );
  });
});
