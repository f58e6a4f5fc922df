import { describe, expect, it } from 'vitest';
import { renderToSvg } from '../src/renderToSvg.ts';
import { twoWayCommunities } from '../src/twoWayCommunities.ts';
import { twoWayStreets } from '../src/twoWayStreets.ts';
import { communities, hostile, mainSvg, nodeDocument, streets, unitResults } from './fixtures.ts';
import { assertGolden } from './golden.ts';
import { labelBox, overlap } from '../src/labelPlacement.ts';

/** The names a two-way chart draws, in drawing order, each with its box (as placed). */
function namesDrawn(figure: Element) {
  return [...figure.querySelectorAll('g[aria-label="text"] text')].map((t) => {
    const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/
      .exec(t.getAttribute('transform')!)!
      .slice(1)
      .map(Number) as [number, number];
    return { text: t.textContent!, ...labelBox(x, y, t.textContent!) };
  });
}

describe('twoWayCommunities', () => {
  it('draws street ratings against residents’ scores, disagreements named (golden)', () => {
    assertGolden('twoWayCommunities', renderToSvg(twoWayCommunities, unitResults, { width: 640 }));
  });

  it('marks exactly the communities whose two scores differ by more than the threshold, naming the largest where names fit', () => {
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
    // dense in places: not every disagreement has room for its name, the largest always does
    const names = namesDrawn(figure);
    const disagreeing = [...above, ...below].toSorted(
      (a, b) => Math.abs(gap(b)) - Math.abs(gap(a)),
    );
    expect(names.length).toBeGreaterThan(disagreeing.length / 2);
    expect(names.length).toBeLessThan(disagreeing.length);
    expect(disagreeing.map((c) => c.name)).toEqual(
      expect.arrayContaining(names.map((n) => n.text)),
    );
    expect(names.map((n) => n.text)).toContain(disagreeing[0]!.name);
    expect(figure.querySelector('figcaption')!.textContent).toContain(
      `相差超过 ${threshold} 分的社区:${above.length + below.length}个(标出 ${names.length} 个名称`,
    );
    // no name over another, nor over a red or orange dot
    const dots = groups.slice(1).flatMap((g) =>
      [...g.querySelectorAll('circle')].map((c) => {
        const [x, y] = [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))];
        return { left: x - 5, right: x + 5, top: y - 5, bottom: y + 5 };
      }),
    );
    names.forEach((a, i) => {
      for (const b of names.slice(i + 1))
        expect(overlap(a, b), `${a.text} · ${b.text}`).toBe(false);
      for (const dot of dots) expect(overlap(a, dot), a.text).toBe(false);
    });
  });

  it('names at most maxLabels disagreements, the largest first', () => {
    const figure = twoWayCommunities(unitResults, {
      threshold: 8,
      maxLabels: 3,
      document: nodeDocument(),
    });
    const all = namesDrawn(
      twoWayCommunities(unitResults, { threshold: 8, maxLabels: 100, document: nodeDocument() }),
    );
    expect(namesDrawn(figure).map((n) => n.text)).toEqual(all.slice(0, 3).map((n) => n.text));
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
