import { describe, expect, it } from 'vitest';
import { dimensionHeatmap } from '../src/dimensionHeatmap.ts';
import { renderToSvg } from '../src/renderToSvg.ts';
import { communities, hostile, mainSvg, nodeDocument, streets } from './fixtures.ts';
import { assertGolden } from './golden.ts';

const dimensionNames = {
  service: '便民服务',
  environment: '环境卫生',
  safety: '平安法治',
  participation: '居民参与与自治',
  conduct: '干部作风与公开透明',
};

describe('dimensionHeatmap', () => {
  it('draws streets × dimensions with Chinese dimension names (golden)', () => {
    assertGolden('dimensionHeatmap', renderToSvg(dimensionHeatmap, streets, { dimensionNames }));
  });

  it('draws one street’s communities, small samples grey (golden)', () => {
    const rows = communities.filter((c) => c.streetCode === 'D01S01');
    const markup = renderToSvg(dimensionHeatmap, rows, { dimensionNames, width: 720 });
    assertGolden('dimensionHeatmap-communities', markup);
  });

  it('has a cell per unit and dimension, and leaves small samples without a number', () => {
    const rows = communities.filter((c) => c.streetCode === 'D01S01');
    const figure = dimensionHeatmap(rows, { dimensionNames, document: nodeDocument() });
    const cells = figure.querySelectorAll('g[aria-label="cell"] rect').length;
    expect(cells).toBe(rows.length * 5);
    const small = rows.flatMap((r) => Object.values(r.dimensions)).filter((e) => e.n < 30).length;
    expect(small).toBeGreaterThan(0);
    const numbers = figure.querySelectorAll('g[aria-label="text"] text').length;
    expect(numbers).toBe(rows.length * 5 - small);
    expect(mainSvg(figure).getAttribute('aria-description')).toContain('便民服务最低的是');
  });

  it('escapes names taken from the data', () => {
    const markup = renderToSvg(dimensionHeatmap, hostile(streets), {});
    expect(markup).not.toMatch(/<img|<script/);
  });
});
