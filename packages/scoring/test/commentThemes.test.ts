import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestResults } from '../src/latestResults.ts';
import type { Store } from '@manyi/store/Store';
import { commentThemes, themeWords } from '../src/commentThemes.ts';
import { unitComments } from '../src/unitComments.ts';
import { scoredSmallYear } from './publishFixture.ts';

/** Twelve residents' comments: parking thrice, the lift twice, waste twice, two with nothing to say. */
const comments = [
  '希望增加小区停车位，晚上停车太难了。',
  '停车位太少，希望规划一下。',
  '小区停车位不够用。',
  '希望能加装电梯，老人上下楼不方便。',
  '老楼加装电梯的事情希望推进。',
  '垃圾清运能不能再及时一些，夏天味道很大。',
  '垃圾分类点太远了。',
  '没有意见。',
  '无',
  '',
  '   ',
  '社区工作人员态度很好，点赞！',
];

describe('commentThemes', () => {
  it('counts the comments mentioning each word, most mentioned first, with examples', () => {
    const themes = commentThemes(comments, 40);
    if (themes.suppressed) throw new Error('40 responses are enough');
    expect(themes.n).toBe(40);
    // the two blank answers are no comment
    expect(themes.comments).toBe(10);
    expect(themes.themes.map((t) => [t.words, t.comments])).toEqual([
      // 停车 appears only within 停车位, in the same comments: left to it
      [['停车位'], 3],
      // always together, in the order the first comment has them
      [['加装', '电梯'], 2],
      // ties in code-point order; 垃圾 from within 垃圾清运 and 垃圾分类
      [['垃圾'], 2],
      [['小区'], 2],
    ]);
    expect(themes.themes[0]!.examples).toEqual([
      '希望增加小区停车位，晚上停车太难了。',
      '停车位太少，希望规划一下。',
      '小区停车位不够用。',
    ]);
    expect(commentThemes(comments, 40, { examples: 1 })).toMatchObject({
      themes: [
        { words: ['停车位'], examples: ['希望增加小区停车位，晚上停车太难了。'] },
        {},
        {},
        {},
      ],
    });
    expect(commentThemes(comments, 40, { minComments: 3 })).toMatchObject({
      themes: [{ words: ['停车位'], comments: 3 }],
    });
  });

  it('leaves out stop words, punctuation and single characters', () => {
    expect(themeWords('没有意见。')).toEqual([]);
    expect(themeWords('无')).toEqual([]);
    expect(themeWords('希望增加小区停车位，晚上停车太难了。')).toEqual([
      '增加',
      '小区',
      '停车位',
      '停车',
    ]);
    // a compound and the words that begin and end it
    expect(themeWords('垃圾清运能不能再及时一些')).toEqual(['垃圾清运', '垃圾', '清运']);
    expect(themeWords('社区工作人员态度很好')).toEqual(['工作人员', '人员', '态度']);
  });

  it('shows nothing of a group with fewer than 10 valid responses', () => {
    expect(commentThemes(comments, 9)).toEqual({ suppressed: true, n: 9 });
    expect(commentThemes(comments, 10).suppressed).toBe(false);
  });
});

describe('unitComments', () => {
  let store: Store;
  beforeAll(async () => {
    store = await scoredSmallYear();
  });
  afterAll(() => store.close());

  it("reads a community's comments, and a street's from all its communities", async () => {
    const { results } = (await latestResults(store, 2026))!;
    const streets = results.filter((r) => r.level === 'street');
    let sum = 0;
    for (const street of streets) {
      const communities = results.filter((r) => r.streetCode === street.code);
      const own = await Promise.all(communities.map((c) => unitComments(store, 2026, c.code)));
      const whole = await unitComments(store, 2026, street.code);
      expect(whole.responses).toBe(own.reduce((n, c) => n + c.responses, 0));
      expect(whole.comments.toSorted()).toEqual(own.flatMap((c) => c.comments).toSorted());
      sum += whole.responses;
    }
    const [stored] = await store.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM valid_responses WHERE year = 2026 AND instrument = 'resident'",
    );
    expect(sum).toBe(stored!.n);
    const district = await unitComments(store, 2026, 'D01');
    expect(district.responses).toBeGreaterThan(0);
    expect(district.comments.every((c) => c.trim() === c && c !== '')).toBe(true);
    expect(await unitComments(store, 2026, 'NOWHERE')).toEqual({ responses: 0, comments: [] });
  });

  it("suppresses a small community's themes and shows a street's", async () => {
    const { results } = (await latestResults(store, 2026))!;
    const small = results.find((r) => r.level === 'community' && r.resident.n < 10)!;
    const read = await unitComments(store, 2026, small.code);
    expect(read.responses).toBeLessThan(10);
    expect(commentThemes(read.comments, read.responses)).toEqual({
      suppressed: true,
      n: read.responses,
    });
    const street = await unitComments(store, 2026, 'D01S01');
    const themes = commentThemes(street.comments, street.responses);
    expect(themes.suppressed).toBe(false);
    if (!themes.suppressed) expect(themes.themes.length).toBeGreaterThan(0);
  });
});
