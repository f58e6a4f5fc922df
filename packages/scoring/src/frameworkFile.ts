import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Framework } from '@manyi/domain/framework';
import { parseFramework } from '@manyi/domain/frameworkPolicy';
import type { Instrument, InstrumentName } from '@manyi/domain/instrument';

/** data/frameworks/default.json: community 0.7 resident + 0.3 street rating; street 0.6 + 0.4. */
export const defaultFrameworkPath = fileURLToPath(
  new URL('../../../data/frameworks/default.json', import.meta.url),
);

/**
 * Reads and validates a framework file (throws `FrameworkError` with every policy problem).
 *
 * @example const framework = readFramework(); // the default framework
 */
export function readFramework(
  path: string = defaultFrameworkPath,
  instruments: Partial<Record<InstrumentName, Instrument>> = {},
): Framework {
  return parseFramework(JSON.parse(readFileSync(path, 'utf8')), instruments);
}
