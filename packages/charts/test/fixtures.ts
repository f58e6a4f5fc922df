import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import type { ResponseRate } from '@manyi/scoring/responseRates';
import type { UnitResult } from '@manyi/scoring/unitResult';

/**
 * 2026 results of two districts of the demo (东城区, urban, and 北川县, mostly rural: 10 streets
 * and 95 communities), generated once from a scored demo store and rounded to two decimals.
 */
export const unitResults: UnitResult[] = JSON.parse(
  readFileSync(new URL('./fixtures/unitResults2026.json', import.meta.url), 'utf8'),
);

/**
 * Response rates of the same units: valid responses from the demo; paper handed out made up
 * (the demo hands nothing out), a fixed share per community, every 17th community none.
 */
export const responseRates: ResponseRate[] = JSON.parse(
  readFileSync(new URL('./fixtures/responseRates2026.json', import.meta.url), 'utf8'),
);

export const streets = unitResults.filter((r) => r.level === 'street');
export const communities = unitResults.filter((r) => r.level === 'community');

/** A linkedom document to render into, for structural checks of a figure. */
export function nodeDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** The same rows with every name replaced by markup, to check that charts escape it. */
export function hostile<Row extends { name: string; streetName?: string | null }>(
  rows: readonly Row[],
): Row[] {
  return rows.map((r) => ({
    ...r,
    name: `<img src=x onerror=alert(1)>${r.name}`,
    ...(r.streetName ? { streetName: `<script>alert(1)</script>${r.streetName}` } : {}),
  }));
}

/** The chart's own `<svg>` in a figure: the last one (legends come first, some as `<svg>`s). */
export function mainSvg(figure: Element): Element {
  return figure.localName === 'svg' ? figure : [...figure.querySelectorAll(':scope > svg')].at(-1)!;
}
