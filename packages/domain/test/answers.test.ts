import { describe, expect, it } from 'vitest';
import { compileInstrument, instrumentProblems } from '../src/answers.ts';
import { figurePosition, wideQuestions, type Instrument } from '../src/instrument.ts';

const instrument = (elements: unknown[], items: Instrument['items'] = []): Instrument => ({
  name: 'resident',
  title: 't',
  survey: { pages: [{ elements }] },
  dimensions: [{ code: 'd', name: '维度', weight: 1 }],
  items,
  figures: {},
});

describe('compileInstrument', () => {
  it('requires a visible required question and refuses an answer to a hidden one', () => {
    const form = compileInstrument(
      instrument([
        { type: 'boolean', name: 'local', isRequired: true },
        {
          type: 'rating',
          name: 'since',
          isRequired: true,
          rateMin: 1,
          rateMax: 3,
          visibleIf: '{local} = true',
        },
        { type: 'panel', name: 'p', elements: [{ type: 'comment', name: 'why' }] },
      ]),
    );
    expect(form.validate({ local: false })).toEqual([]);
    expect(form.validate({ local: true }).map((e) => e.field)).toEqual(['since']);
    expect(form.validate({ local: true, since: 2, why: '好' })).toEqual([]);
    expect(form.validate({ local: false, since: 2 }).map((e) => e.field)).toEqual(['since']);
    expect(form.validate({ local: 'yes' }).map((e) => e.field)).toEqual(['local']);
  });

  it('accepts rateValues and rateCount ratings, and the text of an other choice', () => {
    const form = compileInstrument(
      instrument([
        { type: 'rating', name: 'a', rateValues: [{ value: 1 }, { value: 3 }] },
        { type: 'rating', name: 'b', rateMin: 0, rateCount: 11 },
        { type: 'radiogroup', name: 'c', choices: ['x'], showOtherItem: true },
      ]),
    );
    expect(form.validate({ a: 3, b: 10, c: 'other', 'c-Comment': '别的' })).toEqual([]);
    expect(form.validate({ a: 2, b: 11 }).map((e) => e.field)).toEqual(['a', 'b']);
    expect(form.validate({ 'd-Comment': 'x' }).map((e) => e.field)).toEqual(['d-Comment']);
  });

  it('refuses answers that are not an object', () => {
    const form = compileInstrument(instrument([{ type: 'comment', name: 'c' }]));
    for (const bad of [null, [], 'x', 3]) expect(form.validate(bad)[0]!.field).toBe('answers');
  });
});

describe('instrumentProblems', () => {
  it('finds unsupported types, items bound to missing questions and scales that do not fit', () => {
    const problems = instrumentProblems(
      instrument(
        [
          { type: 'matrixdynamic', name: 'm' },
          { type: 'rating', name: 'r', rateMin: 1, rateMax: 5 },
        ],
        [
          { question: 'missing', dimension: 'd', min: 1, max: 5, notApplicable: [] },
          { question: 'r', dimension: 'd', min: 1, max: 7, notApplicable: [] },
          { question: 'r', dimension: 'nope', min: 1, max: 5, notApplicable: [] },
        ],
      ),
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/matrixdynamic/);
    expect(problems.join('\n')).toMatch(/missing/);
    expect(problems.join('\n')).toMatch(/1–7/);
    expect(problems.join('\n')).toMatch(/nope/);
  });

  it('counts figures with the items against the 64 wide columns', () => {
    const rating = { type: 'rating', name: 'r', rateMin: 1, rateMax: 5 };
    const items = Array.from({ length: 63 }, () => ({
      question: 'r',
      dimension: 'd',
      min: 1,
      max: 5,
      notApplicable: [],
    }));
    expect(instrumentProblems({ ...instrument([rating], items), figures: { a: 'r' } })).toEqual([]);
    expect(
      instrumentProblems({ ...instrument([rating], items), figures: { a: 'r', b: 'r' } }),
    ).toEqual([expect.stringMatching(/共 65 道,最多 64 道 \/ .*65 scored items and figures/)]);
  });
});

describe('wideQuestions and figurePosition', () => {
  it('put the figures after the items, by figure name', () => {
    const wide = {
      ...instrument([], [{ question: 'q1', dimension: 'd', min: 1, max: 5, notApplicable: [] }]),
      figures: { meetings: 'm', inspections: 'i' },
    };
    expect(wideQuestions(wide)).toEqual(['q1', 'i', 'm']);
    expect(figurePosition(wide, 'inspections')).toBe(2);
    expect(figurePosition(wide, 'meetings')).toBe(3);
    expect(figurePosition(wide, 'visits')).toBeUndefined();
    expect(wideQuestions({ items: [{ question: 'q1' }] })).toEqual(['q1']);
  });
});
