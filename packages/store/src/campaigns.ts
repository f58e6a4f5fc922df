import type { Tx } from './Tx.ts';
import { campaignStateNames, type Campaign, type CampaignState } from '@manyi/domain/campaign';
import type { Instrument, InstrumentName } from '@manyi/domain/instrument';
import {
  needsReason,
  transitionAction,
  transitionRefusal,
  type CampaignChanges,
  type NewCampaign,
} from '@manyi/domain/lifecycle';
import { bilingual } from '@manyi/domain/messages';
import { audit, systemActor, type Actor } from './audit.ts';
import { CampaignStateError } from './CampaignStateError.ts';
import { addCampaignSalt } from './deviceHash.ts';
import { assertYearsWritable } from './frozenYears.ts';
import type { Store } from './Store.ts';

/**
 * Creates a draft campaign, or changes a draft's title and window: the test fixtures' and the
 * seed's shorthand for `createCampaign` / `updateCampaign`. A state other than the stored one
 * is refused: states change only through `setCampaignState`.
 */
export async function saveCampaign(
  store: Store,
  campaign: Campaign,
  actor: Actor = systemActor,
): Promise<Campaign> {
  const { year, title, opensAt, closesAt, state } = campaign;
  const stored = await getCampaign(store, year);
  if (!stored) {
    if (state !== 'draft')
      throw new CampaignStateError(
        year,
        'transition',
        bilingual(
          `新建的测评应为草稿,而不是${campaignStateNames[state]}`,
          `a new campaign is a draft, not ${state}`,
        ),
      );
    return createCampaign(store, { year, title, opensAt, closesAt }, actor);
  }
  if (state !== stored.state)
    throw new CampaignStateError(
      year,
      'transition',
      bilingual(
        `测评状态只能逐步转换(${year} 年度当前为${campaignStateNames[stored.state]})`,
        `a campaign's state changes only by its transitions (${year} is ${stored.state})`,
      ),
    );
  return updateCampaign(store, year, { title, opensAt, closesAt }, actor);
}

/** Creates a campaign as a draft and logs it; refused if the year has one. */
export async function createCampaign(
  store: Store,
  campaign: NewCampaign,
  actor: Actor,
): Promise<Campaign> {
  const created: Campaign = { ...campaign, state: 'draft' };
  await store.transaction(async (db) => {
    if (await campaignOn(db, campaign.year))
      throw new CampaignStateError(
        campaign.year,
        'exists',
        bilingual(
          `${campaign.year} 年度测评已存在`,
          `there is a ${campaign.year} campaign already`,
        ),
      );
    await db.run(
      'INSERT INTO campaigns (year, title, opens_at, closes_at, state) VALUES (?, ?, ?, ?, ?)',
      [created.year, created.title, created.opensAt, created.closesAt, created.state],
    );
    await addCampaignSalt(db, created.year); // the secret its device hashes use
    await audit(db, {
      actor,
      action: 'campaign.create',
      target: `campaign:${created.year}`,
      year: created.year,
      after: created,
    });
  });
  return created;
}

/** Changes a draft campaign's title or window and logs it; refused once the campaign has opened. */
export async function updateCampaign(
  store: Store,
  year: number,
  changes: CampaignChanges,
  actor: Actor,
): Promise<Campaign> {
  return store.transaction(async (db) => {
    const before = await requireCampaign(db, year);
    if (before.state !== 'draft')
      throw new CampaignStateError(
        year,
        'not-draft',
        bilingual(
          `${year} 年度测评已${campaignStateNames[before.state]},标题与时间只能在草稿阶段修改`,
          `the ${year} campaign is ${before.state}: its title and window change only while it is a draft`,
        ),
      );
    const after: Campaign = { ...before, ...definedOf(changes) };
    if (after.opensAt && after.closesAt && Date.parse(after.opensAt) >= Date.parse(after.closesAt))
      throw new CampaignStateError(
        year,
        'invalid',
        bilingual('结束时间应晚于开始时间', 'the closing time must come after the opening time'),
      );
    await db.run('UPDATE campaigns SET title = ?, opens_at = ?, closes_at = ? WHERE year = ?', [
      after.title,
      after.opensAt,
      after.closesAt,
      year,
    ]);
    await audit(db, {
      actor,
      action: 'campaign.update',
      target: `campaign:${year}`,
      year,
      before,
      after,
    });
    return after;
  });
}

/** One campaign, or undefined. */
export async function getCampaign(store: Store, year: number): Promise<Campaign | undefined> {
  const [row] = await store.query<CampaignRow>('SELECT * FROM campaigns WHERE year = ?', [year]);
  return row && toCampaign(row);
}

/** Every campaign, newest first. */
export async function listCampaigns(store: Store): Promise<Campaign[]> {
  return (await store.query<CampaignRow>('SELECT * FROM campaigns ORDER BY year DESC')).map(
    toCampaign,
  );
}

/** The campaign that takes submissions now, if any (the newest open one). */
export async function openCampaign(store: Store): Promise<Campaign | undefined> {
  return (await listCampaigns(store)).find((c) => c.state === 'open');
}

export interface TransitionOptions {
  /** Who does it; default the system (seeds, fixtures). */
  actor?: Actor;
  /** Why; required to reopen a finalized year. */
  reason?: string | null;
}

/**
 * Moves a campaign one allowed step through its lifecycle (`campaignTransitions`) and logs it,
 * in one transaction: opening it the first time snapshots the region tree (DATA-MODEL.md), and
 * reopening a finalized year (finalized → closed) needs a reason. Anything else is refused with
 * a `CampaignStateError`.
 *
 * @example await setCampaignState(store, 2026, 'closed', { actor, reason: '补录纸质问卷' }); // reopen
 */
export async function setCampaignState(
  store: Store,
  year: number,
  to: CampaignState,
  options: TransitionOptions = {},
): Promise<Campaign> {
  const reason = options.reason?.trim() || null;
  return store.transaction(async (db) => {
    const before = await requireCampaign(db, year);
    const refusal = transitionRefusal(year, before.state, to);
    if (refusal) throw new CampaignStateError(year, 'transition', refusal);
    if (needsReason(before.state, to) && !reason)
      throw new CampaignStateError(
        year,
        'reason-required',
        bilingual(
          `重新开放已定稿的 ${year} 年度测评须说明理由`,
          `reopening the finalized ${year} campaign needs a reason`,
        ),
      );
    if (to === 'open' && !(await hasInstrument(db, year, 'resident')))
      throw new CampaignStateError(
        year,
        'no-instrument',
        bilingual(
          `${year} 年度测评还没有居民问卷,不能开始`,
          `the ${year} campaign has no resident instrument: it cannot open`,
        ),
      );
    await db.run('UPDATE campaigns SET state = ? WHERE year = ?', [to, year]);
    if (before.state === 'draft' && to === 'open')
      await db.run(
        `INSERT INTO campaign_units (year, code, name, level, kind, parent_code, population)
         SELECT ?, code, name, level, kind, parent_code, population FROM units
         ON CONFLICT DO NOTHING`,
        [year],
      );
    const after: Campaign = { ...before, state: to };
    const action = transitionAction(before.state, to);
    await audit(db, {
      actor: options.actor ?? systemActor,
      action: `campaign.${action}`,
      target: `campaign:${year}`,
      year,
      reason,
      before: { state: before.state },
      after:
        action === 'finalize'
          ? { state: to, latestRunId: await latestRunId(db, year) }
          : { state: to },
    });
    return after;
  });
}

/**
 * Stores a campaign's instrument and logs it. Refused once the campaign has opened (answers are
 * read against their form), and with `CampaignRefusedError` for a frozen year.
 */
export async function saveInstrument(
  store: Store,
  year: number,
  instrument: Instrument,
  actor: Actor = systemActor,
): Promise<void> {
  await store.transaction(async (db) => {
    const campaign = await requireCampaign(db, year);
    await assertYearsWritable(db, [year]);
    if (campaign.state !== 'draft')
      throw new CampaignStateError(
        year,
        'not-draft',
        bilingual(
          `问卷在测评开始后不可修改`,
          `the ${year} campaign has opened: its instruments are frozen`,
        ),
      );
    const existed = await hasInstrument(db, year, instrument.name);
    await db.run(
      `INSERT INTO instruments (year, name, definition) VALUES (?, ?, ?)
       ON CONFLICT (year, name) DO UPDATE SET definition = excluded.definition`,
      [year, instrument.name, JSON.stringify(instrument)],
    );
    await audit(db, {
      actor,
      action: existed ? 'instrument.replace' : 'instrument.create',
      target: `instrument:${year}/${instrument.name}`,
      year,
      after: { name: instrument.name, title: instrument.title },
    });
  });
}

/** A campaign's instrument, or undefined. */
export async function getInstrument(
  store: Store,
  year: number,
  name: InstrumentName,
): Promise<Instrument | undefined> {
  const [row] = await store.query<{ definition: string }>(
    'SELECT definition FROM instruments WHERE year = ? AND name = ?',
    [year, name],
  );
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
  return {
    year: r.year,
    title: r.title,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    state: r.state,
  };
}

/** A campaign read on the transaction's connection, or undefined. */
async function campaignOn(db: Tx, year: number): Promise<Campaign | undefined> {
  const reader = await db.runAndReadAll('SELECT * FROM campaigns WHERE year = ?', [year]);
  const [row] = reader.getRowObjectsJS() as unknown as CampaignRow[];
  return row && toCampaign(row);
}

/** The campaign of a year, or a `CampaignStateError` (404) when there is none. */
async function requireCampaign(db: Tx, year: number): Promise<Campaign> {
  const campaign = await campaignOn(db, year);
  if (!campaign)
    throw new CampaignStateError(
      year,
      'missing',
      bilingual(`没有 ${year} 年度的测评`, `there is no ${year} campaign`),
    );
  return campaign;
}

/** Whether the year has this instrument. */
async function hasInstrument(db: Tx, year: number, name: string): Promise<boolean> {
  const reader = await db.runAndReadAll('SELECT 1 FROM instruments WHERE year = ? AND name = ?', [
    year,
    name,
  ]);
  return reader.getRows().length > 0;
}

/** The year's newest scoring run (what a finalized ranking comes from), or null. */
async function latestRunId(db: Tx, year: number): Promise<number | null> {
  const reader = await db.runAndReadAll('SELECT max(run_id) FROM scoring_runs WHERE year = ?', [
    year,
  ]);
  const id = reader.getRows()[0]?.[0];
  return id === null || id === undefined ? null : Number(id);
}

/** The changes actually given (an absent key keeps the stored value; null clears it). */
function definedOf(changes: CampaignChanges): Partial<Campaign> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}
