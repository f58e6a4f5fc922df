import { compileInstrument, type CompiledInstrument } from '@manyi/domain/answers';
import type { Campaign } from '@manyi/domain/campaign';
import type { CommunitySummary } from '@manyi/domain/region';
import { getInstrument, openCampaign } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';

/** A community of the open campaign's snapshot, with its grids. */
export interface SurveyCommunity extends CommunitySummary {
  grids: { code: string; name: string }[];
}

/** What a submission is checked against: the open campaign, its compiled resident form, its communities. */
export interface OpenSurvey {
  campaign: Campaign;
  resident: CompiledInstrument;
  communities: ReadonlyMap<string, SurveyCommunity>;
}

const cache = new WeakMap<
  Store,
  { metaVersion: number; survey: Promise<OpenSurvey | undefined> }
>();

/**
 * The open campaign as submissions see it, or undefined when none is open. Built once and kept
 * until a campaign, instrument or region changes (the store's `metaVersion`), so a submission
 * costs no lookups beyond its own write.
 */
export function openSurvey(store: Store): Promise<OpenSurvey | undefined> {
  const cached = cache.get(store);
  if (cached && cached.metaVersion === store.metaVersion) return cached.survey;
  const survey = load(store);
  cache.set(store, { metaVersion: store.metaVersion, survey });
  survey.catch(() => cache.delete(store));
  return survey;
}

/** Reads the open campaign, its resident instrument and its unit snapshot. */
async function load(store: Store): Promise<OpenSurvey | undefined> {
  const campaign = await openCampaign(store);
  if (!campaign) return undefined;
  const instrument = await getInstrument(store, campaign.year, 'resident');
  if (!instrument) throw new Error(`the open ${campaign.year} campaign has no resident instrument`);
  const rows = await store.query<
    CommunitySummary & { gridCode: string | null; gridName: string | null }
  >(
    `WITH snapshot AS (SELECT * FROM campaign_units WHERE year = ?)
     SELECT c.code, c.name, c.kind, s.code AS "streetCode", s.name AS "streetName",
            d.code AS "districtCode", d.name AS "districtName", g.code AS "gridCode", g.name AS "gridName"
     FROM snapshot c
     JOIN snapshot s ON s.code = c.parent_code
     JOIN snapshot d ON d.code = s.parent_code
     LEFT JOIN snapshot g ON g.parent_code = c.code AND g.level = 'grid'
     WHERE c.level = 'community'
     ORDER BY c.code, g.code`,
    [campaign.year],
  );
  const communities = new Map<string, SurveyCommunity>();
  for (const { gridCode, gridName, ...community } of rows) {
    let entry = communities.get(community.code);
    if (!entry) communities.set(community.code, (entry = { ...community, grids: [] }));
    if (gridCode) entry.grids.push({ code: gridCode, name: gridName ?? gridCode });
  }
  return { campaign, resident: compileInstrument(instrument), communities };
}
