import { describe, expect, it } from 'vitest';
import { renderToSvg } from '../src/renderToSvg.ts';
import { streetsSideBySide } from '../src/streetsSideBySide.ts';
import { communities, hostile, mainSvg, nodeDocument, streets, unitResults } from './fixtures.ts';
import { assertGolden } from './golden.ts';

describe('streetsSideBySide', () => {
  it('draws each street’s communities and the street composite (golden)', () => {
    assertGolden('streetsSideBySide', renderToSvg(streetsSideBySide, unitResults, { width: 800 }));
  });

  it('orders streets by their composite, best first, with one dot per community', () => {
    const figure = streetsSideBySide(unitResults, { document: nodeDocument() });
    const labels = [...figure.querySelectorAll('g[aria-label="y-axis tick label"] text')].map(
      (t) => t.textContent,
    );
    const order = streets.toSorted((a, b) => b.composite! - a.composite!).map((s) => s.name);
    expect(labels).toEqual(order);
    const dots = figure.querySelectorAll('g[aria-label="dot"] circle').length;
    expect(dots).toBe(communities.filter((c) => c.composite != null).length);
    expect(figure.querySelectorAll('g[aria-label="tick"] line')).toHaveLength(streets.length);
    expect(mainSvg(figure).getAttribute('aria-description')).toContain(
      `街道综合得分最高的是${order[0]}`,
    );
  });

  it('escapes names taken from the data', () => {
    const markup = renderToSvg(streetsSideBySide, hostile(unitResults), {});
    expect(markup).not.toMatch(/<img|<script/);
  });
});
