import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dimensionComparison, type DimensionComparison } from '../src/dimensionComparison.ts';
import { profileTrend, type ProfileYear } from '../src/profileTrend.ts';
import { renderToPng } from '../src/renderToPng.ts';
import { renderToSvg } from '../src/renderToSvg.ts';
import { assertGolden } from './golden.ts';

/** Three scored years of one community; 2024 without a resident interval. */
const trend: ProfileYear[] = [
  {
    year: 2024,
    composite: 78.1,
    compositeLow: 74.8,
    compositeHigh: 81.4,
    resident: 76.2,
    residentLow: null,
    residentHigh: null,
    stars: 3,
  },
  {
    year: 2025,
    composite: 80.1,
    compositeLow: 76.8,
    compositeHigh: 83.4,
    resident: 79.0,
    residentLow: 76.1,
    residentHigh: 81.9,
    stars: 4,
  },
  {
    year: 2026,
    composite: 82.4,
    compositeLow: 79.1,
    compositeHigh: 85.7,
    resident: 80.0,
    residentLow: 77.06,
    residentHigh: 82.94,
    stars: 4,
  },
];

/** A community's dimensions against its peers, best first (as `unitProfile` orders them). */
const dimensions: DimensionComparison[] = [
  {
    code: 'service',
    name: '便民服务',
    score: 85,
    low: 83.04,
    high: 86.96,
    peerMean: 81,
    peers: 2,
    difference: 4,
    significant: true,
  },
  {
    code: 'safety',
    name: '平安建设',
    score: 79,
    low: 73.12,
    high: 84.88,
    peerMean: 78.5,
    peers: 2,
    difference: 0.5,
    significant: false,
  },
  {
    code: 'environment',
    name: '<b>环境卫生</b>',
    score: 70,
    low: 68.04,
    high: 71.96,
    peerMean: 74.5,
    peers: 2,
    difference: -4.5,
    significant: true,
  },
  {
    code: 'q9',
    name: 'q9',
    score: 66,
    low: null,
    high: null,
    peerMean: null,
    peers: 0,
    difference: null,
    significant: false,
  },
];

describe('profile charts', () => {
  it('draws the trend of the composite and the resident score (golden)', () => {
    const markup = renderToSvg(profileTrend, trend, { title: '幸福社区 历年得分' });
    assertGolden('profileTrend', markup);
    expect(markup).toContain('综合得分从2024年的78.1到2026年的82.4。');
  });

  it('draws the dimensions against the peer mean, escaping names (golden)', () => {
    const markup = renderToSvg(dimensionComparison, dimensions, { width: 560 });
    assertGolden('dimensionComparison', markup);
    expect(markup).toContain('&lt;b&gt;环境卫生&lt;/b&gt;');
    expect(markup).not.toContain('<b>');
    // green above, red below beyond the error; grey within it or without peers
    expect(markup.match(/fill="#059669"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(markup.match(/fill="#dc2626"/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('renders both to PNG, to be looked at', async () => {
    mkdirSync('/tmp/manyi-shots', { recursive: true });
    for (const [name, png] of [
      [
        'profileTrend',
        await renderToPng(profileTrend, trend, { title: '幸福社区 历年得分' }, { scale: 1 }),
      ],
      [
        'dimensionComparison',
        await renderToPng(dimensionComparison, dimensions, { width: 560 }, { scale: 1 }),
      ],
    ] as const) {
      expect(png.readUInt32BE(0)).toBe(0x89504e47);
      writeFileSync(`/tmp/manyi-shots/${name}.png`, png);
    }
  });
});
