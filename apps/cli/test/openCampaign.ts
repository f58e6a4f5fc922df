// Run as a child process (`node --import tsx openCampaign.ts DB YEAR STATE`): gives the database a
// campaign holding the repository's three instruments, taken to STATE (its snapshot taken when
// it opened). A child, because a DuckDB file stays locked until the process that opened it ends.
import { readFileSync } from 'node:fs';
import type { CampaignState } from '@manyi/domain/campaign';
import type { Instrument } from '@manyi/domain/instrument';
import { lifecyclePath } from '@manyi/domain/lifecycle';
import { saveCampaign, saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import { openStore } from '@manyi/store/Store';

const [path, yearText, state] = process.argv.slice(2) as [string, string, CampaignState];
const year = Number(yearText);
const store = await openStore({ path });
await saveCampaign(store, {
  year,
  title: `${year}年度测评`,
  opensAt: null,
  closesAt: null,
  state: 'draft',
});
for (const name of ['resident', 'community_to_street', 'street_to_community']) {
  const file = new URL(`../../../data/instruments/${name}.json`, import.meta.url);
  await saveInstrument(store, year, JSON.parse(readFileSync(file, 'utf8')) as Instrument);
}
for (const step of lifecyclePath(state)) await setCampaignState(store, year, step);
await store.close();
