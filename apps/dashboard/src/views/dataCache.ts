import { api, ApiError, type Distribution } from '../admin/adminApi.ts';
import type { YearResults } from './ViewContext.ts';

/** The cached fetchers a `ViewContext` hands to views. */
export interface DataCache {
  results(year: number): Promise<YearResults | null>;
  detailedResults(year: number): Promise<YearResults | null>;
  rates(year: number): Promise<Distribution>;
  /** Forgets everything, e.g. after signing in as someone else (their region differs). */
  clear(): void;
}

/**
 * Fetches each year's results and response rates once per page load and shares the answer
 * between views, so switching tabs or filters redraws at once. A failed fetch is not kept, so
 * the next view asks again. Results of a year not yet scored (404) are kept as null.
 */
export function dataCache(): DataCache {
  const results = new Map<number, Promise<YearResults | null>>();
  const detailed = new Map<number, Promise<YearResults | null>>();
  const rates = new Map<number, Promise<Distribution>>();
  const fetchResults = (year: number, detail: 'summary' | 'full') =>
    api<YearResults>('GET', `/results/${year}?detail=${detail}`).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    });
  return {
    results: (year) => remember(results, year, () => fetchResults(year, 'summary')),
    detailedResults: (year) => remember(detailed, year, () => fetchResults(year, 'full')),
    rates: (year) => remember(rates, year, () => api<Distribution>('GET', `/distribution/${year}`)),
    clear() {
      results.clear();
      detailed.clear();
      rates.clear();
    },
  };
}

/** The promise kept for `key`, or a new one from `load` that is dropped again if it fails. */
function remember<T>(
  cache: Map<number, Promise<T>>,
  key: number,
  load: () => Promise<T>,
): Promise<T> {
  const kept = cache.get(key);
  if (kept) return kept;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  return loading;
}
