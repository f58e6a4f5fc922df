import { describe, expect, it } from 'vitest';
import { renderToSvg } from '../src/renderToSvg.ts';
import { yearOverYearChange } from '../src/yearOverYearChange.ts';
import { communities, hostile, mainSvg, nodeDocument, unitResults } from './fixtures.ts';
import { assertGolden } from './golden.ts';

describe('yearOverYearChange', () => {
  it('draws every unit’s composite change by district, significant ones filled (golden)', () => {
    assertGolden(
      'yearOverYearChange',
      renderToSvg(yearOverYearChange, unitResults, { width: 720 }),
    );
  });

  it('draws residents’ score changes of communities by street (golden)', () => {
    const markup = renderToSvg(yearOverYearChange, communities, {
      measure: 'resident',
      groupBy: 'street',
    });
    assertGolden('yearOverYearChange-streets', markup);
  });

  it('fills exactly the significant changes', () => {
    const figure = yearOverYearChange(communities, { document: nodeDocument() });
    const [hollow, filled] = [...figure.querySelectorAll('g[aria-label="dot"]')];
    const withChange = communities.filter((c) => c.compositeChange);
    const significant = withChange.filter((c) => c.compositeChange!.significant);
    expect(significant.length).toBeGreaterThan(0);
    expect(filled!.querySelectorAll('circle')).toHaveLength(significant.length);
    expect(hollow!.querySelectorAll('circle')).toHaveLength(withChange.length - significant.length);
    const up = significant.filter((c) => c.compositeChange!.change > 0).length;
    expect(mainSvg(figure).getAttribute('aria-description')).toContain(`显著上升${up}个`);
  });

  it('escapes names taken from the data', () => {
    const markup = renderToSvg(yearOverYearChange, hostile(unitResults), {});
    expect(markup).not.toMatch(/<img|<script/);
  });
});
