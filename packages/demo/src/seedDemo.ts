import { compileInstrument } from '@manyi/domain/answers';
import type { CampaignState } from '@manyi/domain/campaign';
import { instrumentNames } from '@manyi/domain/instrument';
import { bilingual } from '@manyi/domain/messages';
import { unitsFromRegionRows, type RegionRow } from '@manyi/domain/region';
import {
  listCampaigns,
  saveCampaign,
  saveInstrument,
  setCampaignState,
} from '@manyi/store/campaigns';
import { replaceRegions } from '@manyi/store/regions';
import type { NewResponse } from '@manyi/store/ResponseWriter';
import type { Store } from '@manyi/store/Store';
import { demoCampaignWindow, shanghaiIso } from './campaignWindow.ts';
import { generateRegion } from './demoRegion.ts';
import { loadInstruments, type InstrumentSet } from './demoInstruments.ts';
import { streamYear } from './generateResponses.ts';
import { demoSeed, demoYears, type YearOptions } from './yearOptions.ts';

export interface SeedDemoOptions {
  seed?: number | string;
  /** Campaign years, oldest first: all but the last end `closed`, the last stays `open`. */
  years?: readonly number[];
  regionRows?: readonly RegionRow[];
  instruments?: InstrumentSet;
  yearOptions?: Partial<YearOptions>;
  /** Responses stored per transaction; memory stays flat whatever the year's size. */
  chunkSize?: number;
  /** Called after each stored chunk. */
  onProgress?: (year: number, stored: number) => void;
}

/** What `seedDemo` stored. */
export interface SeedDemoResult {
  units: number;
  communities: number;
  years: { year: number; state: CampaignState; responses: number; answers: number }[];
}

/**
 * Fills an empty store with the demo: the 示范市 region, one campaign per year with the three
 * instruments, and each year's synthetic responses (checked as the server checks submissions).
 * The last year stays open, earlier ones are closed. Refuses a store that already has campaigns:
 * the demo never mixes with real data, so callers check first.
 *
 * @example const store = await openStore({ path: ':memory:' }); await seedDemo(store);
 */
export async function seedDemo(
  store: Store,
  options: SeedDemoOptions = {},
): Promise<SeedDemoResult> {
  if ((await listCampaigns(store)).length)
    throw new Error(
      bilingual(
        '数据库中已有测评，不能写入示范数据',
        'the database already has campaigns: the demo is only seeded into an empty one',
      ),
    );
  const years = options.years ?? demoYears;
  const seed = options.seed ?? demoSeed;
  const chunkSize = options.chunkSize ?? 10_000;
  const regionRows = options.regionRows ?? generateRegion();
  const instruments = options.instruments ?? loadInstruments();
  const compiled = Object.fromEntries(
    instrumentNames.map((name) => [name, compileInstrument(instruments[name])]),
  );

  const units = unitsFromRegionRows(regionRows);
  await replaceRegions(store, units);
  const result: SeedDemoResult = {
    units: units.length,
    communities: units.filter((u) => u.level === 'community').length,
    years: [],
  };

  for (const [index, year] of years.entries()) {
    const window = options.yearOptions?.window ?? demoCampaignWindow(year);
    const campaign = {
      year,
      title: `${year}年度示范市城乡社区（村）居民满意度测评`,
      opensAt: shanghaiIso(window.opensAt),
      closesAt: shanghaiIso(window.closesAt),
    };
    await saveCampaign(store, { ...campaign, state: 'draft' });
    for (const name of instrumentNames) await saveInstrument(store, year, instruments[name]);
    await setCampaignState(store, year, 'open');

    let chunk: NewResponse[] = [];
    let responses = 0;
    let answers = 0;
    const flush = async () => {
      await store.responses.appendAll(chunk);
      responses += chunk.length;
      chunk = [];
      options.onProgress?.(year, responses);
    };
    // The truth is not stored, so its costly part is skipped.
    const yearOptions = { satisfiedRateTruth: false, ...options.yearOptions, window };
    for (const response of streamYear({
      seed,
      year,
      regionRows,
      instruments,
      options: yearOptions,
    })) {
      const form = compiled[response.instrument]!;
      const errors = form.validate(response.answers);
      if (errors.length)
        throw new Error(
          `synthetic response ${response.clientId} fails validation: ${JSON.stringify(errors)}`,
        );
      const long = form.extract(response.answers);
      answers += long.length;
      chunk.push({ ...response, long });
      if (chunk.length >= chunkSize) await flush();
    }
    if (chunk.length) await flush();

    const state: CampaignState = index < years.length - 1 ? 'closed' : 'open';
    if (state === 'closed') await setCampaignState(store, year, 'closed');
    result.years.push({ year, state, responses, answers });
  }
  return result;
}
