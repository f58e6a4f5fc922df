import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  instrumentNames,
  instrumentSchema,
  type Instrument,
  type InstrumentName,
} from '@manyi/domain/instrument';

/** A campaign's three instruments, by name. */
export type InstrumentSet = Record<InstrumentName, Instrument>;

/** `data/instruments/`, where the demo's SurveyJS forms live. */
export const instrumentsDir = fileURLToPath(new URL('../../../data/instruments/', import.meta.url));

/**
 * Reads `<name>.json` for the three instruments and checks each against the schema.
 *
 * @example const { resident } = loadInstruments();
 */
export function loadInstruments(dir: string = instrumentsDir): InstrumentSet {
  const entries = instrumentNames.map((name) => {
    const instrument = instrumentSchema.parse(
      JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8')),
    );
    if (instrument.name !== name)
      throw new Error(`${dir}/${name}.json holds instrument ${instrument.name}`);
    return [name, instrument] as const;
  });
  return Object.fromEntries(entries) as InstrumentSet;
}
