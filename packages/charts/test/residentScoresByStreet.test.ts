import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderToSvg } from '../src/renderToSvg.ts';
import {
  residentScoresByStreet,
  type CommunityResidentScore,
} from '../src/residentScoresByStreet.ts';
import { assertGolden } from './golden.ts';

const rows: CommunityResidentScore[] = JSON.parse(
  readFileSync(new URL('./fixtures/liveResidentScores.json', import.meta.url), 'utf8'),
);

describe('residentScoresByStreet', () => {
  it('draws every district and kind (golden)', () => {
    assertGolden('residentScoresByStreet', renderToSvg(residentScoresByStreet, rows, {}));
  });

  it('draws one district at a given width (golden)', () => {
    const markup = renderToSvg(residentScoresByStreet, rows, { district: '370102', width: 480 });
    assertGolden('residentScoresByStreet-district', markup);
  });

  it('draws rural communities only, with a custom title (golden)', () => {
    const markup = renderToSvg(residentScoresByStreet, rows, {
      kind: 'rural',
      title: '2026年 村居民满意度(实时·暂定)',
    });
    assertGolden('residentScoresByStreet-rural', markup);
  });

  it('repeats the score axis above a long list of streets (golden)', () => {
    // five copies of the fixture's streets, each copy two points lower: 15 rows
    const many = [0, 1, 2, 3, 4].flatMap((copy) =>
      rows.map((r) => ({
        ...r,
        streetCode: `${r.streetCode}-${copy}`,
        streetName: `${r.streetName}${copy + 1}`,
        score: r.score == null ? null : r.score - 2 * copy,
      })),
    );
    const markup = renderToSvg(residentScoresByStreet, many, { width: 720 });
    expect(markup.match(/aria-label="x-axis tick label"/g)).toHaveLength(2);
    assertGolden('residentScoresByStreet-tall', markup);
  });

  it('draws one dot per scored community, hollow below the sample threshold', () => {
    const figure = render(rows, {});
    const dots = figure.querySelectorAll('g[aria-label="dot"]');
    const scored = rows.filter((r) => r.score != null);
    expect(figure.querySelectorAll('circle').length).toBe(scored.length);
    expect(dots[0]!.querySelectorAll('circle').length).toBe(scored.filter((r) => r.n < 30).length);
    expect(figure.querySelector('figcaption')!.textContent).toContain('样本不足');
    expect(figure.querySelector('figcaption')!.textContent).toContain('另有1个社区(村)尚无答卷');
  });

  it('orders streets by their median, best first', () => {
    const figure = render(rows, {});
    const labels = [...figure.querySelectorAll('g[aria-label="y-axis tick label"] text')];
    // 柳泉镇 median 83.75, 青年路街道 79.33, 杏园街道 70.55 (mean of 69.86 and 71.25).
    expect(labels.map((t) => t.textContent)).toEqual(['柳泉镇', '青年路街道', '杏园街道']);
    expect(figure.querySelector('svg')!.getAttribute('aria-description')).toContain(
      '最高的是柳泉镇(83.8),最低的是杏园街道(70.6)',
    );
  });

  it('names the district of a street whose name another district also has', () => {
    const twin = rows.map((r) =>
      r.streetCode === '370103101' ? { ...r, streetName: '杏园街道' } : r,
    );
    const labels = [...render(twin, {}).querySelectorAll('g[aria-label="y-axis tick label"] text')];
    expect(labels.map((t) => t.textContent)).toEqual([
      '杏园街道(西山区)',
      '青年路街道',
      '杏园街道(东湖区)',
    ]);
  });

  it('escapes names taken from the data', () => {
    const hostile = rows.map((r) => ({
      ...r,
      name: '<img src=x onerror=alert(1)>',
      streetName: `<script>alert("${r.streetCode}")</script>`,
    }));
    const markup = renderToSvg(residentScoresByStreet, hostile, {});
    expect(markup).not.toMatch(/<script|<img/);
    expect(markup).toContain('&lt;script&gt;');
  });

  it('says so when there is nothing to draw', () => {
    const figure = render(rows, { district: 'no-such-district' });
    expect(figure.querySelectorAll('circle').length).toBe(0);
    expect(figure.querySelector('svg')!.getAttribute('aria-description')).toBe(
      '暂无社区居民满意度得分。',
    );
  });
});

/** Renders into a linkedom document and returns the element, for structural checks. */
function render(
  data: CommunityResidentScore[],
  options: Parameters<typeof residentScoresByStreet>[1],
) {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return residentScoresByStreet(data, { ...options, document: document as unknown as Document });
}
