import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compositeLeaves, type Indicator } from '../src/framework.ts';
import { FrameworkError, parseFramework } from '../src/frameworkPolicy.ts';
import { instrumentSchema, type Instrument, type InstrumentName } from '../src/instrument.ts';

const repo = (path: string) => new URL(`../../../${path}`, import.meta.url);
const defaultFramework = JSON.parse(readFileSync(repo('data/frameworks/default.json'), 'utf8'));
const instruments = Object.fromEntries(
  (['resident', 'community_to_street', 'street_to_community'] as const).map((name) => [
    name,
    instrumentSchema.parse(JSON.parse(readFileSync(repo(`data/instruments/${name}.json`), 'utf8'))),
  ]),
) as Record<InstrumentName, Instrument>;

/** The default framework with the community composite's indicators replaced. */
const withCommunity = (indicators: Indicator[], extra: Record<string, unknown> = {}) => ({
  ...defaultFramework,
  community: { ...defaultFramework.community, indicators, ...extra },
});
const resident = (weight: number, over: Partial<Indicator> = {}): Indicator => ({
  code: 'resident',
  name: '居民满意度',
  weight,
  category: 'satisfaction',
  source: { kind: 'resident' },
  ...over,
});
const streetRating = (weight: number): Indicator => ({
  code: 'street_rating',
  name: '街道评价',
  weight,
  source: { kind: 'street_rating' },
});

/** The problems a framework is refused for (fails the test if it is accepted). */
function refusal(input: unknown): FrameworkError {
  try {
    parseFramework(input, instruments);
  } catch (error) {
    if (error instanceof FrameworkError) return error;
    throw error;
  }
  throw new Error('framework was accepted');
}

describe('parseFramework', () => {
  it('accepts the default framework: 0.7 resident + 0.3 street rating; 0.6 resident + 0.4 community rating', () => {
    const framework = parseFramework(defaultFramework, instruments);
    expect(
      compositeLeaves(framework.community).map((l) => [l.indicator.source.kind, l.weight]),
    ).toEqual([
      ['resident', 0.7],
      ['street_rating', 0.3],
    ]);
    expect(
      compositeLeaves(framework.street).map((l) => [l.indicator.source.kind, l.weight]),
    ).toEqual([
      ['resident', 0.6],
      ['community_rating', 0.4],
    ]);
    expect(framework.settings.minResponses).toBe(30);
  });

  it('accepts a deeper tree and multiplies weights down its paths', () => {
    const tree: Indicator[] = [
      {
        code: 'satisfaction',
        name: '居民满意度',
        weight: 0.8,
        children: [
          resident(0.5, {
            code: 'env',
            name: '环境卫生',
            source: { kind: 'resident', dimension: 'environment' },
          }),
          resident(0.25, {
            code: 'safe',
            name: '平安法治',
            source: { kind: 'resident', dimension: 'safety' },
          }),
          resident(0.25, {
            code: 'resp',
            name: '诉求回应',
            source: { kind: 'resident', question: 'svc_response' },
          }),
        ],
      },
      {
        code: 'other',
        name: '其他',
        weight: 0.2,
        children: [
          streetRating(0.5),
          {
            code: 'closure',
            name: '诉求办结率',
            weight: 0.5,
            category: 'objective',
            source: { kind: 'objective', figure: 'closure_rate', min: 0, max: 1 },
          },
        ],
      },
    ];
    const framework = parseFramework(withCommunity(tree), instruments);
    expect(compositeLeaves(framework.community).map((l) => [l.path.join('/'), l.weight])).toEqual([
      ['satisfaction/env', 0.4],
      ['satisfaction/safe', 0.2],
      ['satisfaction/resp', 0.2],
      ['other/street_rating', 0.1],
      ['other/closure', 0.1],
    ]);
  });

  it('refuses resident satisfaction under half of a composite, citing the policy', () => {
    const error = refusal(withCommunity([resident(0.4), streetRating(0.6)]));
    expect(error.problems).toEqual([
      expect.objectContaining({ path: 'community', rule: 'resident_majority' }),
    ]);
    expect(error.message).toMatch(
      /居民满意度仅占“社区\(村\)综合得分”权重的 40%,不足一半。政策要求“以社区居民群众的满意度为主要评价标准”/,
    );
    expect(error.message).toMatch(/ \/ resident satisfaction carries 40% of .*under half/);
  });

  it('accepts resident satisfaction under half where an override reason is recorded', () => {
    const input = withCommunity([resident(0.4), streetRating(0.6)], {
      overrideReason: '试点年度,经考评委员会决议',
    });
    expect(parseFramework(input, instruments).community.overrideReason).toBe(
      '试点年度,经考评委员会决议',
    );
  });

  it.each([
    [
      'by declared category',
      { code: 'x', name: '社区服务', category: 'ledger' },
      /类别 ledger/,
      /category ledger/,
    ],
    [
      'a ledger by name',
      { code: 'x', name: '台账资料完整' },
      /名称含“台账”/,
      /name contains “台账”/,
    ],
    ['a plaque by name', { code: 'x', name: '挂牌规范' }, /名称含“挂牌”/, /ledger, plaque, award/],
    [
      'an award by name',
      { code: 'x', name: '获得奖牌数量' },
      /名称含“奖牌”/,
      /ledger, plaque, award/,
    ],
    [
      'an organization set-up by name',
      { code: 'x', name: '组织机构健全' },
      /名称含“组织机构”/,
      /organization set-up/,
    ],
    [
      'an activity venue by name',
      { code: 'x', name: '活动阵地建设' },
      /名称含“阵地”/,
      /activity-venue item/,
    ],
  ])('refuses a ledger, plaque, award, organization or venue item: %s', (_, over, zh, en) => {
    const objective = {
      weight: 0.1,
      source: { kind: 'objective', figure: 'f', min: 0, max: 1 },
      ...over,
    } as Indicator;
    const error = refusal(withCommunity([resident(0.7), streetRating(0.2), objective]));
    expect(error.problems.map((p) => [p.path, p.rule])).toEqual([
      ['community/x', 'forbidden_item'],
    ]);
    expect(error.message).toMatch(zh);
    expect(error.message).toMatch(en);
    expect(error.message).toMatch(
      /禁止把台账、奖牌、挂牌以及建立组织机构、活动阵地等事项列为考核评价指标/,
    );
  });

  it('refuses a veto-style rule that zeroes or caps a composite (一票否决)', () => {
    const veto = resident(0.7, {
      rules: [{ kind: 'veto', when: 'safety_incident', effect: 'zero' }],
    });
    const error = refusal(withCommunity([veto, streetRating(0.3)]));
    expect(error.problems.map((p) => [p.path, p.rule])).toEqual([['community/resident', 'veto']]);
    expect(error.message).toMatch(
      /规则 veto 会使综合得分归零或封顶。政策要求“不得对社区工作实行"一票否决"性考核”/,
    );
    expect(error.message).toMatch(/would zero or cap a composite on its own/);

    const cap = refusal(
      withCommunity([resident(0.7), streetRating(0.3)], { rules: [{ kind: 'cap', max: 60 }] }),
    );
    expect(cap.problems.map((p) => [p.path, p.rule])).toEqual([['community', 'veto']]);

    const named = refusal(
      withCommunity([resident(0.7), { ...streetRating(0.3), name: '安全生产一票否决' }]),
    );
    expect(named.message).toMatch(/指标“安全生产一票否决”是一票否决项/);
  });

  it('refuses weights at a level not summing to 1 (tolerance 1e-9)', () => {
    const error = refusal(withCommunity([resident(0.7), streetRating(0.2)]));
    expect(error.problems.map((p) => [p.path, p.rule])).toEqual([['community', 'weights']]);
    expect(error.message).toMatch(
      /“社区\(村\)综合得分”下各指标权重之和为 0.9,应为 1 \/ the weights under .* sum to 0.9, not 1/,
    );

    const nested = refusal(
      withCommunity([
        {
          code: 'g',
          name: '居民',
          weight: 0.7,
          children: [resident(0.5), resident(0.4, { code: 'r2' })],
        },
        streetRating(0.3),
      ]),
    );
    expect(nested.problems.map((p) => [p.path, p.rule])).toContainEqual(['community/g', 'weights']);

    const third = 1 / 3;
    expect(() =>
      parseFramework(
        withCommunity([
          {
            code: 'g',
            name: '居民',
            weight: 0.7,
            children: [
              resident(third),
              resident(third, { code: 'r2' }),
              resident(third, { code: 'r3' }),
            ],
          },
          streetRating(0.3),
        ]),
        instruments,
      ),
    ).not.toThrow();
  });

  it('refuses a leaf bound to a question or dimension the instrument lacks', () => {
    const error = refusal(
      withCommunity([
        resident(0.4, { source: { kind: 'resident', question: 'no_such_question' } }),
        resident(0.3, { code: 'r2', source: { kind: 'resident', dimension: 'no_such_dimension' } }),
        streetRating(0.3),
      ]),
    );
    expect(error.problems.map((p) => [p.path, p.rule])).toEqual([
      ['community/resident', 'binding'],
      ['community/r2', 'binding'],
    ]);
    expect(error.message).toMatch(
      /绑定的题目 no_such_question 不在问卷 resident 中 \/ .* bound to question no_such_question, which instrument resident lacks/,
    );
    expect(error.message).toMatch(/绑定的维度 no_such_dimension 不在问卷 resident 中/);
  });

  it('refuses a two-way source on the wrong composite and a malformed file', () => {
    const wrong = refusal(
      withCommunity([
        resident(0.7),
        { ...streetRating(0.3), source: { kind: 'community_rating' } },
      ]),
    );
    expect(wrong.problems.map((p) => p.rule)).toEqual(['binding']);
    const malformed = refusal({
      ...defaultFramework,
      community: { name: 'x', indicators: [{ code: 'a' }] },
    });
    expect(malformed.problems[0]!.rule).toBe('structure');
    expect(malformed.message).toMatch(/指标体系格式错误.* \/ malformed framework/);
  });
});
