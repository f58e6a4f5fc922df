import { describe, expect, it } from 'vitest';
import type { ResponseRate } from '../src/responseRates.ts';
import { profileSummary } from '../src/profileSummary.ts';
import { unitProfile, type UnitProfile } from '../src/unitProfile.ts';
import type { EstimateResult, UnitResult } from '../src/unitResult.ts';

/** An estimate with its 95% interval, as results keep it. */
const estimate = (score: number | null, se: number, n = 45): EstimateResult => ({
  n,
  score,
  se,
  low: score === null ? null : score - 1.96 * se,
  high: score === null ? null : score + 1.96 * se,
  satisfiedRate: null,
  satisfiedSe: null,
});

/** A stored community result of 东城区 (D1), street S1, with dimension scores (SE 1 unless given). */
const community = (
  code: string,
  composite: number,
  dims: { environment: number; service: number; safety: number },
  more: Partial<UnitResult> = {},
): UnitResult => ({
  year: 2026,
  level: 'community',
  code,
  name: `${code}社区`,
  kind: 'urban',
  rankingClass: 'urban',
  streetCode: 'S1',
  streetName: '中山路街道',
  districtCode: 'D1',
  districtName: '东城区',
  population: 3000,
  resident: estimate(composite - 2, 1.5),
  dimensions: {
    environment: estimate(dims.environment, 1),
    service: estimate(dims.service, 1),
    safety: estimate(dims.safety, 3),
  },
  streetRating: null,
  communityRating: null,
  burden: null,
  indicators: {},
  composite,
  compositeSe: 1.7,
  compositeLow: composite - 3.3,
  compositeHigh: composite + 3.3,
  stars: Math.floor(composite / 10) - 4,
  rankInDistrict: null,
  rankInClass: null,
  compositeChange: null,
  residentChange: null,
  flags: [],
  ...more,
});

const own = community(
  'C1',
  82.4,
  { environment: 70, service: 85, safety: 79 },
  {
    name: '幸福社区',
    resident: { ...estimate(80, 1.5), satisfiedRate: 0.6, satisfiedSe: 0.05 },
    streetRating: { raters: 1, score: 90, se: 0 },
    rankInDistrict: { rank: 3, low: 2, high: 6, of: 20 },
    rankInClass: { rank: 5, low: 3, high: 9, of: 40 },
    compositeChange: { change: 2.3, significant: true },
    residentChange: { change: -0.04, significant: false },
  },
);

const street: UnitResult = {
  ...community('S1', 79.5, { environment: 72, service: 80, safety: 78 }),
  level: 'street',
  name: '中山路街道',
  kind: '街道',
  streetCode: null,
  streetName: null,
  communityRating: { raters: 4, score: 72.2, se: 3.3 },
  burden: { reporting: 4, over: 1, compliance: 0.75 },
  rankInDistrict: { rank: 1, low: 1, high: 2, of: 2 },
  rankInClass: { rank: 2, low: 1, high: 3, of: 6 },
};

const results: UnitResult[] = [
  street,
  { ...street, code: 'S2', name: '解放路街道', composite: 75.5 },
  own,
  // the peers: other ranked urban communities of 东城区
  community('C2', 78, { environment: 74, service: 80, safety: 78 }),
  community('C3', 80, { environment: 75, service: 82, safety: 79 }),
  // not peers: 样本不足, rural, another district
  community(
    'C4',
    50,
    { environment: 20, service: 20, safety: 20 },
    {
      flags: ['样本不足'],
      stars: null,
      resident: estimate(48, 9, 12),
    },
  ),
  community(
    'C5',
    60,
    { environment: 10, service: 10, safety: 10 },
    { kind: 'rural', rankingClass: 'rural' },
  ),
  community('C6', 90, { environment: 99, service: 99, safety: 99 }, { districtCode: 'D2' }),
];

const earlier = [
  { ...own, year: 2024, composite: 78.1, compositeLow: 74.8, compositeHigh: 81.4, stars: 3 },
  { ...own, year: 2025, composite: 80.1, compositeLow: 76.8, compositeHigh: 83.4, stars: 4 },
];

const dimensionNames = { environment: '环境卫生', service: '便民服务', safety: '平安建设' };
const settings = { minResponses: 30, rankIntervalLevel: 0.9 };

const profileOf = (code: string, responseRate: ResponseRate | null = null): UnitProfile =>
  unitProfile({
    code,
    year: 2026,
    results,
    earlier,
    dimensionNames,
    responseRate,
    settings,
  })!;

describe('unitProfile', () => {
  it('compares a community with its street and its district peers (same class, ranked)', () => {
    const profile = profileOf('C1');
    expect(profile.unit).toBe(own);
    expect(profile.street?.code).toBe('S1');
    // peers C2 and C3: (78 + 80) / 2 and (76 + 78) / 2
    expect(profile.district).toEqual({
      code: 'D1',
      name: '东城区',
      meanComposite: 79,
      meanResident: 77,
      peers: 2,
    });
  });

  it('ranks dimensions against the peer mean, significant beyond 1.96·√(se² + se_mean²)', () => {
    const profile = profileOf('C1');
    // service: 85 − (80 + 82)/2 = +4; noise 1.96·√(1 + 2/4) = 2.40 → significant
    // safety: 79 − (78 + 79)/2 = +0.5; noise 1.96·√(9 + 18/4) = 7.20 → not
    // environment: 70 − (74 + 75)/2 = −4.5 → significant
    expect(
      profile.dimensions.map((d) => [d.name, d.peerMean, d.difference, d.significant]),
    ).toEqual([
      ['便民服务', 81, 4, true],
      ['平安建设', 78.5, 0.5, false],
      ['环境卫生', 74.5, -4.5, true],
    ]);
    expect(profile.strongest.map((d) => d.code)).toEqual(['service', 'safety']);
    expect(profile.weakest.map((d) => d.code)).toEqual(['environment']);
  });

  it('claims no difference beyond the sampling error for a 样本不足 unit', () => {
    const profile = profileOf('C4');
    // its peers are C1–C3; environment: 20 − (70 + 74 + 75)/3 = −53 with SE 1 would be
    // significant anywhere else
    expect(
      profile.dimensions.map((d) => [d.code, Math.round(d.difference! * 100) / 100, d.significant]),
    ).toEqual([
      ['environment', -53, false],
      ['safety', -58.67, false],
      ['service', -62.33, false],
    ]);
  });

  it('carries the trend of every scored year, oldest first', () => {
    expect(profileOf('C1').trend.map((t) => [t.year, t.composite, t.stars])).toEqual([
      [2024, 78.1, 3],
      [2025, 80.1, 4],
      [2026, 82.4, 4],
    ]);
  });

  it('is undefined for a unit the year does not have', () => {
    expect(
      unitProfile({ code: 'C9', year: 2026, results, settings, dimensionNames }),
    ).toBeUndefined();
  });
});

describe('profileSummary', () => {
  it('writes the paragraph of a ranked community, every figure as stored', () => {
    expect(profileSummary(profileOf('C1'))).toBe(
      '幸福社区2026年度综合得分82.4(95%区间79.1–85.7),四星;' +
        '在东城区社区(村)中排名第3(90%区间2–6,共20个),在全市城市社区中排名第5(90%区间3–9,共40个)。' +
        '居民满意度80.0(95%区间77.1–82.9,有效样本45份),满意率60.0%。' +
        '街道(乡镇)对其评价90.0分。' +
        '综合得分较上年上升2.3分(超出抽样误差)。居民满意度与上年持平。' +
        '所属中山路街道综合得分79.5,东城区其他2个同类社区(村)综合得分均值79.0。' +
        '主要优势:便民服务(高于同类均值4.0分)、平安建设(高于同类均值0.5分,在抽样误差之内)。' +
        '主要短板:环境卫生(低于同类均值4.5分)。',
    );
  });

  it('says 样本不足 instead of ranking', () => {
    const summary = profileSummary(profileOf('C4'));
    expect(summary).toContain('有效样本12份,少于30份,标注"样本不足",不评星、不排名');
    expect(summary).not.toContain('排名第');
  });

  it("writes a street's ratings by its communities, its burden and the response rate", () => {
    const rate: ResponseRate = {
      level: 'street',
      code: 'S1',
      name: '中山路街道',
      parentCode: 'D1',
      invitations: 44,
      invitationsUsed: 40,
      paperHandedOut: 1000,
      distributed: 1044,
      validResponses: 896,
      responseRate: 896 / 1044,
    };
    const summary = profileSummary(profileOf('S1', rate));
    expect(summary).toContain('在东城区街道(乡镇)中排名第1(90%区间1–2,共2个),在全市街道中排名第2');
    expect(summary).toContain(
      '所辖4个社区(村)对其评价72.2分;减负:4个社区(村)报送检查和会议次数,其中1个超过上限。',
    );
    expect(summary).toContain('问卷回收率85.8%(发放1044份,有效回收896份)。');
    expect(summary).toContain('东城区其他1个同类街道(乡镇)综合得分均值75.5');
  });

  it('prints only numbers found in the results it came from', () => {
    for (const code of ['C1', 'C4', 'S1']) {
      const profile = profileOf(code, {
        level: 'street',
        code,
        name: '',
        parentCode: null,
        invitations: 0,
        invitationsUsed: 0,
        paperHandedOut: 50,
        distributed: 50,
        validResponses: 45,
        responseRate: 0.9,
      });
      const known = new Set(['95', String(settings.rankIntervalLevel * 100)]);
      for (const value of numbersIn(profile))
        for (const v of [value, Math.abs(value), value * 100]) {
          known.add(v.toFixed(1));
          if (Number.isInteger(v)) known.add(String(v));
        }
      const printed = profileSummary(profile).match(/\d+(?:\.\d+)?/g) ?? [];
      expect(printed.length).toBeGreaterThan(5);
      expect(printed.filter((n) => !known.has(n))).toEqual([]);
    }
  });
});

/** Every number anywhere in a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}
