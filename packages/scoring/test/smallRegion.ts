import { readFileSync } from 'node:fs';
import { instrumentSchema, type Instrument, type InstrumentName } from '@manyi/domain/instrument';
import type { Unit } from '@manyi/domain/region';
import { saveCampaign, saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import { replaceRegions } from '@manyi/store/regions';
import { openStore, type Store } from '@manyi/store/Store';
import type { NewResponse } from '@manyi/store/ResponseWriter';

/** The repository's instruments (data/instruments/). */
export const instruments = Object.fromEntries(
  (['resident', 'community_to_street', 'street_to_community'] as const).map((name) => [
    name,
    instrumentSchema.parse(
      JSON.parse(
        readFileSync(new URL(`../../../data/instruments/${name}.json`, import.meta.url), 'utf8'),
      ),
    ),
  ]),
) as Record<InstrumentName, Instrument>;

/**
 * A small region for hand computations: district D1 with street S1 (街道: urban communities C1,
 * C2) and township S2 (乡镇: rural village C3), one or two grids each.
 */
export const smallRegion: Unit[] = [
  { code: 'D1', name: '东区', level: 'district', kind: null, parentCode: null, population: 3000 },
  { code: 'S1', name: '东街道', level: 'street', kind: '街道', parentCode: 'D1', population: 2000 },
  { code: 'S2', name: '东乡', level: 'street', kind: '乡镇', parentCode: 'D1', population: 1000 },
  {
    code: 'C1',
    name: '幸福社区',
    level: 'community',
    kind: 'urban',
    parentCode: 'S1',
    population: 1500,
  },
  {
    code: 'C2',
    name: '和平社区',
    level: 'community',
    kind: 'urban',
    parentCode: 'S1',
    population: 500,
  },
  {
    code: 'C3',
    name: '青山村',
    level: 'community',
    kind: 'rural',
    parentCode: 'S2',
    population: 1000,
  },
  { code: 'G11', name: '一网格', level: 'grid', kind: null, parentCode: 'C1', population: 1000 },
  { code: 'G12', name: '二网格', level: 'grid', kind: null, parentCode: 'C1', population: 500 },
  { code: 'G21', name: '一网格', level: 'grid', kind: null, parentCode: 'C2', population: 500 },
  { code: 'G31', name: '一网格', level: 'grid', kind: null, parentCode: 'C3', population: 1000 },
];

/** A store with `units` and an open campaign for `year` with the repository's instruments. */
export async function regionStore(
  units: readonly Unit[] = smallRegion,
  year = 2026,
): Promise<Store> {
  const store = await openStore({ path: ':memory:' });
  await replaceRegions(store, units);
  await openCampaign(store, year);
  return store;
}

/** Adds an open campaign for `year` with the repository's instruments (snapshotting the units). */
export async function openCampaign(store: Store, year: number): Promise<void> {
  await saveCampaign(store, {
    year,
    title: `${year} 年度测评`,
    opensAt: null,
    closesAt: null,
    state: 'draft',
  });
  for (const instrument of Object.values(instruments))
    await saveInstrument(store, year, instrument);
  await setCampaignState(store, year, 'open');
}

let counter = 0;

/**
 * A response answering every scored item of `instrument` with `rating` (1–5), plus `extra`
 * answers (e.g. burden figures).
 */
export function ratedResponse(
  year: number,
  instrument: InstrumentName,
  units: { subject: string; rater?: string; grid?: string },
  rating: number | ((question: string, index: number) => number | null),
  extra: Record<string, number> = {},
): NewResponse {
  const value = typeof rating === 'number' ? () => rating : rating;
  const answers: Record<string, number> = { ...extra };
  instruments[instrument].items.forEach((item, i) => {
    const v = value(item.question, i);
    if (v !== null) answers[item.question] = v;
  });
  return {
    clientId: `test-${++counter}`,
    year,
    instrument,
    subjectCode: units.subject,
    raterCode: units.rater ?? null,
    gridCode: units.grid ?? null,
    source: 'import',
    startedAt: null,
    submittedAt: new Date('2026-10-01T08:00:00+08:00'),
    answers,
    long: Object.entries(answers).map(([question, v]) => ({ question, value: v, text: null })),
  };
}
