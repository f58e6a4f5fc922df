import { describe, expect, it } from 'vitest';
import { burdenCompliance } from '../src/burdenCompliance.ts';
import { renderToSvg } from '../src/renderToSvg.ts';
import { hostile, mainSvg, nodeDocument, streets, unitResults } from './fixtures.ts';
import { assertGolden } from './golden.ts';

describe('burdenCompliance', () => {
  it('draws each street’s communities over and within the limits (golden)', () => {
    assertGolden('burdenCompliance', renderToSvg(burdenCompliance, unitResults, {}));
  });

  it('puts the least compliant street first and sizes bars by communities reporting', () => {
    const figure = burdenCompliance(unitResults, { document: nodeDocument() });
    const labels = [...figure.querySelectorAll('g[aria-label="y-axis tick label"] text')].map(
      (t) => t.textContent,
    );
    const worst = streets.toSorted(
      (a, b) => a.burden!.compliance - b.burden!.compliance || b.burden!.over - a.burden!.over,
    )[0]!;
    expect(labels[0]).toBe(worst.name);
    expect(labels).toHaveLength(streets.length);
    const bars = figure.querySelectorAll('g[aria-label="bar"] rect');
    expect(bars).toHaveLength(2 * streets.length);
    expect(mainSvg(figure).getAttribute('aria-description')).toContain(
      `合规率最低的是${worst.name}(${worst.burden!.over}/${worst.burden!.reporting}个社区超过上限)`,
    );
  });

  it('leaves out streets without reports and says how many', () => {
    const rows = unitResults.map((r, i) =>
      r.level === 'street' && i < 3 ? { ...r, burden: null } : r,
    );
    const figure = burdenCompliance(rows, { document: nodeDocument() });
    expect(figure.querySelector('figcaption')!.textContent).toContain(
      '另有 3 个街道(乡镇)没有社区报告',
    );
  });

  it('escapes names taken from the data', () => {
    const markup = renderToSvg(burdenCompliance, hostile(unitResults), {});
    expect(markup).not.toMatch(/<img|<script/);
  });
});
