import { getInstrument } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';

/**
 * The Chinese names of a year's resident dimensions by code, from the instrument the campaign
 * froze: what results rows (which carry only codes) are headed and labelled with. Empty when the
 * year has no resident instrument.
 *
 * @example await residentDimensionNames(store, 2026) // → { environment: '环境卫生', … }
 */
export async function residentDimensionNames(
  store: Store,
  year: number,
): Promise<Record<string, string>> {
  const resident = await getInstrument(store, year, 'resident');
  return Object.fromEntries((resident?.dimensions ?? []).map((d) => [d.code, d.name]));
}
