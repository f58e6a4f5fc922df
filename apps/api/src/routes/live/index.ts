import { Hono } from 'hono';
import { getCampaign, getInstrument } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { liveResidentScores } from '@manyi/scoring/liveResidentScores';
import { problem } from '../../problem.ts';

/**
 * `GET /live/:year`: the provisional resident score of every community while a campaign runs
 * (a plain mean; the year's results come from a scoring run, `GET /results/:year`).
 */
export function live(store: Store) {
  return new Hono().get('/:year{[0-9]{4}}', async (c) => {
    const year = Number(c.req.param('year'));
    const campaign = await getCampaign(store, year);
    const instrument = campaign && (await getInstrument(store, year, 'resident'));
    if (!campaign || !instrument)
      return problem(c, 404, `没有 ${year} 年的测评`, `no campaign for ${year}`);
    const communities = await liveResidentScores(store, year, instrument);
    c.header('Cache-Control', 'no-store');
    return c.json({ year, state: campaign.state, communities });
  });
}
