import { afterEach, expect, it } from 'vitest';
import { campaignSalt, deviceHash } from '../src/deviceHash.ts';
import type { Store } from '../src/Store.ts';
import { importStore } from './importFixture.ts';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

it('hashes a device with the salt, never to the bare address', () => {
  const hash = deviceHash('salt-a', '203.0.113.7', 'UA');
  expect(hash).toBe(deviceHash('salt-a', '203.0.113.7', 'UA'));
  expect(hash).not.toBe(deviceHash('salt-b', '203.0.113.7', 'UA'));
  expect(hash).not.toBe(deviceHash('salt-a', '203.0.113.8', 'UA'));
  expect(hash).not.toBe(deviceHash('salt-a', '203.0.113.7', 'UA2'));
  // the parts are delimited: moving characters between them changes the hash
  expect(deviceHash('s', '1.2.3.4', '5')).not.toBe(deviceHash('s', '1.2.3.45', ''));
  expect(hash).not.toContain('203.0.113.7');
});

it('gives a campaign made before salts were kept one salt, at its first use, and keeps it', async () => {
  store = await importStore();
  const made = await campaignSalt(store, 2026);
  await store.transaction((db) => db.run('DELETE FROM campaign_salts'));
  const late = await campaignSalt(store, 2026);
  expect(late).not.toBe(made);
  expect(await campaignSalt(store, 2026)).toBe(late);
  // two first submissions at once agree on one salt
  const [one, other] = await Promise.all([campaignSalt(store, 2025), campaignSalt(store, 2025)]);
  expect(one).toBe(other);
  const rows = await store.query('SELECT year FROM campaign_salts ORDER BY year');
  expect(rows).toEqual([{ year: 2025 }, { year: 2026 }]);
});
