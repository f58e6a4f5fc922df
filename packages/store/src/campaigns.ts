import type { Campaign, CampaignState } from '@manyi/domain/campaign';
import type { Instrument, InstrumentName } from '@manyi/domain/instrument';
import type { Store } from './Store.ts';

/** Creates or updates a campaign's title, window and state. */
export async function saveCampaign(store: Store, campaign: Campaign): Promise<void> {
  await store.transaction(async (db) => {
    await db.run(
      `INSERT INTO campaigns VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (year) DO UPDATE SET title = excluded.title, opens_at = excluded.opens_at,
         closes_at = excluded.closes_at, state = excluded.state`,
      [campaign.year, campaign.title, campaign.opensAt, campaign.closesAt, campaign.state],
    );
  });
}

/** One campaign, or undefined. */
export async function getCampaign(store: Store, year: number): Promise<Campaign | undefined> {
  const [row] = await store.query<CampaignRow>('SELECT * FROM campaigns WHERE year = ?', [year]);
  return row && toCampaign(row);
}

/** Every campaign, newest first. */
export async function listCampaigns(store: Store): Promise<Campaign[]> {
  return (await store.query<CampaignRow>('SELECT * FROM campaigns ORDER BY year DESC')).map(toCampaign);
}

/** The campaign that takes submissions now, if any (the newest open one). */
export async function openCampaign(store: Store): Promise<Campaign | undefined> {
  return (await listCampaigns(store)).find((c) => c.state === 'open');
}

/** Sets a campaign's state; opening it snapshots the region tree (DATA-MODEL.md). */
export async function setCampaignState(store: Store, year: number, state: CampaignState): Promise<void> {
  await store.transaction(async (db) => {
    await db.run('UPDATE campaigns SET state = ? WHERE year = ?', [state, year]);
    if (state === 'open') {
      await db.run(
        `INSERT INTO campaign_units SELECT ?, code, name, level, kind, parent_code, population FROM units
         ON CONFLICT DO NOTHING`,
        [year],
      );
    }
  });
}

/** Stores a campaign's instrument (refused once the campaign has opened: answers are read against their form). */
export async function saveInstrument(store: Store, year: number, instrument: Instrument): Promise<void> {
  await store.transaction(async (db) => {
    const reader = await db.runAndReadAll('SELECT state FROM campaigns WHERE year = ?', [year]);
    const state = reader.getRows()[0]?.[0];
    if (state === undefined) throw new Error(`no campaign for ${year}`);
    if (state !== 'draft') throw new Error(`问卷在测评开始后不可修改 / the ${year} campaign has opened: its instruments are frozen`);
    await db.run(
      `INSERT INTO instruments VALUES (?, ?, ?)
       ON CONFLICT (year, name) DO UPDATE SET definition = excluded.definition`,
      [year, instrument.name, JSON.stringify(instrument)],
    );
  });
}

/** A campaign's instrument, or undefined. */
export async function getInstrument(store: Store, year: number, name: InstrumentName): Promise<Instrument | undefined> {
  const [row] = await store.query<{ definition: string }>('SELECT definition FROM instruments WHERE year = ? AND name = ?', [year, name]);
  return row && (JSON.parse(row.definition) as Instrument);
}

interface CampaignRow {
  year: number;
  title: string;
  opens_at: string | null;
  closes_at: string | null;
  state: CampaignState;
}

/** A row of `campaigns` as the domain type. */
function toCampaign(r: CampaignRow): Campaign {
  return { year: r.year, title: r.title, opensAt: r.opens_at, closesAt: r.closes_at, state: r.state };
}
