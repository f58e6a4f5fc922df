import { compileInstrument, instrumentProblems } from '@manyi/domain/answers';
import {
  answerableTypes,
  displayOnlyTypes,
  surveyQuestions,
  type Instrument,
} from '@manyi/domain/instrument';
import { describe, expect, it } from 'vitest';
import { loadInstruments } from '../src/demoInstruments.ts';

const instruments = loadInstruments();
const all = Object.values(instruments);
const questions = (i: Instrument) => surveyQuestions(i.survey);
const allowedTypes = new Set([
  'rating',
  'radiogroup',
  'dropdown',
  'checkbox',
  'boolean',
  'text',
  'comment',
  'html',
]);
// 禁止把台账、奖牌、挂牌以及建立组织机构、活动阵地等事项列为考核评价指标 (seeds 000, 002).
const forbidden = /台账|挂牌|奖牌|机构|阵地/;

describe('the instruments of data/instruments', () => {
  it('satisfy the schema and the server’s instrument checks', () => {
    expect(Object.keys(instruments)).toEqual([
      'resident',
      'community_to_street',
      'street_to_community',
    ]);
    for (const instrument of all) {
      expect(instrumentProblems(instrument)).toEqual([]);
      for (const q of questions(instrument)) {
        expect(allowedTypes.has(q.type), `${instrument.name}.${q.name}: ${q.type}`).toBe(true);
        expect([...answerableTypes, ...displayOnlyTypes]).toContain(q.type);
      }
      expect(new Set(questions(instrument).map((q) => q.name)).size).toBe(
        questions(instrument).length,
      );
    }
  });

  it('name no ledger, plaque, award, organization or venue item as an indicator', () => {
    for (const instrument of all) {
      for (const d of instrument.dimensions) expect(d.name).not.toMatch(forbidden);
      const titles = new Map(questions(instrument).map((q) => [q.name, String(q.title)]));
      for (const item of instrument.items) {
        // Asking a community how much 台账 paperwork its street pushes down is a burden question.
        if (item.dimension === 'burden') continue;
        expect(titles.get(item.question)).not.toMatch(forbidden);
      }
    }
  });

  it('resident: 16–20 required five-point items in 5 dimensions, an overall rating, optional extras', () => {
    const { resident } = instruments;
    expect(resident.dimensions).toHaveLength(5);
    expect(resident.items.length).toBeGreaterThanOrEqual(16);
    expect(resident.items.length).toBeLessThanOrEqual(20);
    const pages = resident.survey.pages as unknown[];
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.length).toBeLessThanOrEqual(5);
    const byName = new Map(questions(resident).map((q) => [q.name, q]));
    for (const item of resident.items) {
      expect(item).toMatchObject({ min: 1, max: 5, notApplicable: ['na'] });
      const q = byName.get(item.question)!;
      expect(q).toMatchObject({ type: 'radiogroup', isRequired: true });
      expect(q.choices).toEqual([
        { value: 5, text: '非常满意' },
        { value: 4, text: '满意' },
        { value: 3, text: '一般' },
        { value: 2, text: '不满意' },
        { value: 1, text: '非常不满意' },
        { value: 'na', text: '不了解' },
      ]);
    }
    expect(byName.get('overall')).toMatchObject({
      type: 'rating',
      rateMin: 1,
      rateMax: 5,
      displayMode: 'buttons',
      minRateDescription: '很不满意',
      maxRateDescription: '很满意',
      isRequired: true,
    });
    expect(resident.items.some((i) => i.question === 'overall')).toBe(false);
    expect(byName.get('suggestion')).toMatchObject({ type: 'comment', maxLength: 500 });
    for (const name of ['suggestion', 'residence', 'years'])
      expect(byName.get(name)!.isRequired).toBeFalsy();
    // The API adds the grid question per community.
    expect([...byName.keys()].some((n) => n.includes('grid'))).toBe(false);
  });

  it('two-way forms: rated 1–5 by buttons; community_to_street asks the burden figures', () => {
    const { community_to_street: c2s, street_to_community: s2c } = instruments;
    for (const instrument of [c2s, s2c]) {
      const byName = new Map(questions(instrument).map((q) => [q.name, q]));
      for (const item of instrument.items) {
        expect(item).toMatchObject({ min: 1, max: 5 });
        expect(byName.get(item.question)).toMatchObject({
          type: 'rating',
          rateMin: 1,
          rateMax: 5,
          displayMode: 'buttons',
          isRequired: true,
        });
      }
    }
    expect(c2s.dimensions.map((d) => d.name)).toEqual(['支持服务', '减负增效', '工作作风']);
    expect(s2c.dimensions.length).toBeGreaterThanOrEqual(2);
    expect(c2s.figures).toEqual({ inspections: 'burden_inspections', meetings: 'burden_meetings' });
    const compiled = compileInstrument(c2s);
    for (const name of Object.values(c2s.figures))
      expect(compiled.questions.get(name)).toMatchObject({
        type: 'text',
        inputType: 'number',
        min: 0,
        max: 100,
        isRequired: true,
      });
    expect(
      c2s.items.some((i) => i.question === 'burden_paperwork' && i.dimension === 'burden'),
    ).toBe(true);
  });
});
