import { fileURLToPath } from 'node:url';
import type { Instrument } from '@manyi/domain/instrument';
import type { Unit } from '@manyi/domain/region';
import { saveCampaign, saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import { replaceRegions } from '@manyi/store/regions';
import { openStore, type Store } from '@manyi/store/Store';
import type { NewResponse } from '@manyi/store/ResponseWriter';
import { num, readCsvTable } from './csvTable.ts';

export const fixture = (file: string) =>
  fileURLToPath(new URL(`fixtures/${file}`, import.meta.url));

const questions = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'];
const dimensionOf: Record<string, string> = {
  q1: 'env',
  q2: 'env',
  q3: 'env',
  q4: 'safety',
  q5: 'safety',
  q6: 'service',
  q7: 'service',
  q8: 'service',
};

/** The resident instrument of the R fixtures: 8 five-point items in 3 weighted dimensions; 0 and 不了解 are 不适用. */
export const fixtureInstrument: Instrument = {
  name: 'resident',
  title: '居民满意度调查',
  survey: {
    pages: [
      {
        elements: questions.map((name) => ({
          type: 'rating',
          name,
          rateValues: [1, 2, 3, 4, 5, { value: 0, text: '不了解' }],
        })),
      },
    ],
  },
  dimensions: [
    { code: 'env', name: '环境', weight: 0.5 },
    { code: 'safety', name: '安全', weight: 0.3 },
    { code: 'service', name: '服务', weight: 0.2 },
  ],
  items: questions.map((question) => ({
    question,
    dimension: dimensionOf[question]!,
    min: 1,
    max: 5,
    notApplicable: [0, '不了解'],
  })),
  figures: {},
};

/**
 * A store holding the R fixture's respondents (design-answers.csv) as 2026 resident responses, in
 * one street of one district. A missing answer is stored in turn as no answer, the text 不了解 and
 * the value 0, so that every way of saying 不了解 is exercised.
 */
export async function designFixtureStore(): Promise<Store> {
  const store = await openStore({ path: ':memory:' });
  const rows = readCsvTable(fixture('design-answers.csv'));
  const units: Unit[] = [
    {
      code: 'D1',
      name: '示范区',
      level: 'district',
      kind: null,
      parentCode: null,
      population: null,
    },
    {
      code: 'S1',
      name: '示范街道',
      level: 'street',
      kind: '街道',
      parentCode: 'D1',
      population: null,
    },
  ];
  for (const community of new Set(rows.map((r) => r.community)))
    units.push({
      code: community,
      name: `${community}社区`,
      level: 'community',
      kind: 'urban',
      parentCode: 'S1',
      population: null,
    });
  for (const r of rows)
    if (!units.some((u) => u.code === r.grid))
      units.push({
        code: r.grid!,
        name: r.grid!,
        level: 'grid',
        kind: null,
        parentCode: r.community!,
        population: num(r.grid_population),
      });
  await replaceRegions(store, units);
  await saveCampaign(store, {
    year: 2026,
    title: '2026 年度测评',
    opensAt: null,
    closesAt: null,
    state: 'draft',
  });
  await saveInstrument(store, 2026, fixtureInstrument);
  await setCampaignState(store, 2026, 'open');
  let missing = 0;
  const responses = rows.map((r): NewResponse => {
    const long = questions.flatMap((question) => {
      const value = num(r[question]);
      if (value !== null) return [{ question, value, text: null }];
      const way = missing++ % 3;
      if (way === 0) return [];
      return [
        way === 1 ? { question, value: null, text: '不了解' } : { question, value: 0, text: null },
      ];
    });
    return {
      clientId: r.respondent!,
      year: 2026,
      instrument: 'resident',
      subjectCode: r.community!,
      raterCode: null,
      gridCode: r.grid!,
      source: 'import',
      startedAt: null,
      submittedAt: new Date('2026-10-01T08:00:00+08:00'),
      answers: Object.fromEntries(long.map((a) => [a.question, a.value ?? a.text])),
      long,
    };
  });
  await store.responses.appendAll(responses);
  return store;
}
