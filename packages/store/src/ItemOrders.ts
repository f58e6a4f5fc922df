import { wideQuestions } from '@manyi/domain/instrument';
import type { Store } from './Store.ts';
import type { Tx } from './Tx.ts';

/** A campaign instrument's wide questions (`wideQuestions`), the first `items` of them its scored items. */
export interface WideOrder {
  questions: readonly string[];
  items: number;
}

/**
 * The wide questions of each campaign instrument (its scored items in order, then its figures'):
 * where the group commit puts a response's answers in `response_items`. Kept between batches on the DuckDB
 * file, where this process is the only writer and `metaVersion` moves after any commit that may
 * have changed an instrument (instruments change only while their campaign is a draft); read in
 * each batch's own transaction on PostgreSQL, where other processes write too.
 */
export class ItemOrders {
  #known: { metaVersion: number; orders: Map<string, WideOrder> } | null = null;

  constructor(private readonly store: Store) {}

  /** The wide questions of each `year/instrument` of the batch; none for an instrument not stored. */
  async of(
    db: Tx,
    wanted: Iterable<{ year: number; instrument: string }>,
  ): Promise<Map<string, WideOrder>> {
    const { metaVersion } = this.store;
    if (this.store.kind !== 'duckdb' || this.#known?.metaVersion !== metaVersion)
      this.#known = { metaVersion, orders: new Map() };
    const { orders } = this.#known;
    const missing = [...wanted].filter((w) => !orders.has(orderKey(w.year, w.instrument)));
    if (missing.length) {
      const reader = await db.runAndReadAll('SELECT year, name, definition FROM instruments');
      for (const [year, name, definition] of reader.getRows() as [number, string, string][]) {
        const instrument = JSON.parse(definition) as Parameters<typeof wideQuestions>[0];
        const questions = wideQuestions(instrument);
        orders.set(orderKey(year, name), { questions, items: instrument.items.length });
      }
      for (const w of missing)
        if (!orders.has(orderKey(w.year, w.instrument)))
          orders.set(orderKey(w.year, w.instrument), { questions: [], items: 0 });
    }
    return orders;
  }
}

/** The key of one campaign instrument. */
export function orderKey(year: number, instrument: string): string {
  return `${year}/${instrument}`;
}
