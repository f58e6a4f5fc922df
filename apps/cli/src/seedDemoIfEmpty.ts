import { listCampaigns } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { addDemoAccounts, demoPassword } from './demoAccounts.ts';

/**
 * Loads the 示范市 demo into an empty database, scores its closed year and creates one account
 * per role, so that a first look finds results and can sign in to every page; leaves a database
 * with campaigns as it is.
 */
export async function seedDemoIfEmpty(store: Store): Promise<void> {
  if ((await listCampaigns(store)).length) return;
  const { seedDemo } = await import('@manyi/demo/seedDemo');
  const { scoreYear } = await import('@manyi/scoring/scoreYear');
  console.log('数据库为空,正在载入示范市演示数据 / empty database: loading the 示范市 demo…');
  const started = Date.now();
  const seeded = await seedDemo(store);
  for (const { year, state } of seeded.years) if (state === 'closed') await scoreYear(store, year);
  const accounts = await addDemoAccounts(store);
  console.log(`演示账号(密码均为 ${demoPassword})/ demo accounts (password ${demoPassword}):`);
  for (const a of accounts) console.log(`  ${a.username.padEnd(10)} ${a.label}`);
  console.log(`演示数据已载入 / demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
