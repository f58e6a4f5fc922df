import type { Instrument, InstrumentName } from '@manyi/domain/instrument';
import type { RegionRow } from '@manyi/domain/region';
import { answerPlan, type PlannedQuestion } from './answerPlan.ts';
import { demoCampaignWindow, type CampaignWindow } from './campaignWindow.ts';
import { generateRegion } from './demoRegion.ts';
import { loadInstruments, type InstrumentSet } from './demoInstruments.ts';
import { scoreExpectation, type ScoreExpectation } from './expectedScore.ts';
import { itemParameters, latentModel, type ItemParameters } from './latentModel.ts';
import { regionTree, type StreetNode } from './regionTree.ts';
import { demoSeed, demoYearOptions, type YearOptions } from './yearOptions.ts';

/** What `generateYear` draws from; everything but the year defaults to the demo's. */
export interface YearInput {
  seed?: number | string;
  year: number;
  regionRows?: readonly RegionRow[];
  instruments?: InstrumentSet;
  options?: Partial<YearOptions>;
}

/** One instrument, prepared for drawing answers and computing their true expectations. */
export interface FormModel {
  instrument: Instrument;
  items: ItemParameters[];
  plan: PlannedQuestion[];
  /** Expected scores of a respondent at `mu`, with per-dimension shifts, over their own effect. */
  expectation: (mu: number, dimensionEffects: readonly number[]) => ScoreExpectation;
}

/** Everything a year's generation shares, computed once. */
export interface YearContext {
  seed: number | string;
  year: number;
  options: YearOptions;
  window: CampaignWindow;
  streets: StreetNode[];
  forms: Record<InstrumentName, FormModel>;
}

/** Resolves the defaults and prepares the forms. */
export function yearContext(input: YearInput): YearContext {
  const seed = input.seed ?? demoSeed;
  const options = { ...demoYearOptions, ...input.options };
  const instruments = input.instruments ?? loadInstruments();
  const form = (
    name: InstrumentName,
    respondentSd: number,
    satisfiedRate: boolean,
    discrimination = 1,
  ): FormModel => {
    const instrument = instruments[name];
    const items = itemParameters(seed, instrument, discrimination);
    const expectation = scoreExpectation(items, instrument.dimensions.length, {
      respondentSd,
      satisfiedRate,
    });
    return { instrument, items, plan: answerPlan(instrument, items), expectation };
  };
  return {
    seed,
    year: input.year,
    options,
    window: options.window ?? demoCampaignWindow(input.year),
    streets: regionTree(input.regionRows ?? generateRegion()),
    forms: {
      resident: form('resident', latentModel.respondentSd, options.satisfiedRateTruth),
      community_to_street: form(
        'community_to_street',
        latentModel.communityRaterSd,
        false,
        latentModel.twoWayDiscrimination,
      ),
      street_to_community: form(
        'street_to_community',
        latentModel.streetRaterSd,
        false,
        latentModel.twoWayDiscrimination,
      ),
    },
  };
}
