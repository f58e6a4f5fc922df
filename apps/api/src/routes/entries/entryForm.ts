import type { Campaign } from '@manyi/domain/campaign';
import { campaignCommunity } from '@manyi/store/campaignCommunity';
import { getInstrument } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import type { SurveyCommunity } from '../../openSurvey.ts';
import { residentForm } from '../surveys/index.ts';

/** What the data-entry page needs for one community: its names, the year's form, the count so far. */
export interface EntryForm {
  year: number;
  state: Campaign['state'];
  community: Pick<SurveyCommunity, 'code' | 'name' | 'streetName' | 'districtName'>;
  /** Paper questionnaires of the community stored so far this year (typed in or imported). */
  entered: number;
  /** The year's resident form as residents get it, with the grid question where there is a choice. */
  survey: Record<string, unknown>;
}

/**
 * The resident form of a year for one community of its snapshot, titled as the resident page
 * titles it, so that a paper sheet is typed into the very questions a resident answers online.
 * Undefined when the year holds no such community or no resident form.
 *
 * @example await entryForm(store, campaign, 'C0101') // → { community: { name: '幸福社区', … }, entered: 3, survey: {…} }
 */
export async function entryForm(
  store: Store,
  campaign: Campaign,
  code: string,
): Promise<EntryForm | undefined> {
  const { year } = campaign;
  const [community, instrument] = await Promise.all([
    campaignCommunity(store, year, code),
    getInstrument(store, year, 'resident'),
  ]);
  if (!community || !instrument) return undefined;
  const [grids, [count]] = await Promise.all([
    store.query<{ code: string; name: string }>(gridsSql, [year, code]),
    store.query<{ entered: number }>(paperCountSql, [year, code]),
  ]);
  return {
    year,
    state: campaign.state,
    community: {
      code: community.code,
      name: community.name,
      streetName: community.streetName,
      districtName: community.districtName,
    },
    entered: count?.entered ?? 0,
    survey: residentForm(instrument.survey, campaign.title, { ...community, grids }),
  };
}

/** The grids of a community in the year's snapshot, by code. */
const gridsSql = `
  SELECT code, name FROM campaign_units
  WHERE year = ? AND parent_code = ? AND level = 'grid'
  ORDER BY code`;

/** The community's paper questionnaires stored in the year, whatever their quality status. */
const paperCountSql = `
  SELECT count(*)::INTEGER AS entered FROM responses
  WHERE year = ? AND subject_code = ? AND instrument = 'resident' AND source = 'paper'`;
