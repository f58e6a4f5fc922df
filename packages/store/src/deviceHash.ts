import { createHash, randomBytes } from 'node:crypto';
import type { Store } from './Store.ts';
import type { Tx } from './Tx.ts';

/**
 * The device a web submission came from, as it is kept: a salted SHA-256 of the client address
 * and the browser's User-Agent, with the campaign's own salt. Never the address itself (issue 6,
 * privacy). The same phone hashes alike all through one campaign, so the quality check finds
 * repeated devices; in the next campaign it hashes differently, so nobody can follow a device
 * from year to year, and without the salt a hash cannot be tried against the address space.
 * The User-Agent is part of it so that neighbours answering on their own phones in one hall
 * behind one NAT address are not all one "device".
 *
 * @example deviceHash(await campaignSalt(store, 2026), '203.0.113.7', 'Mozilla/5.0 …')
 */
export function deviceHash(salt: string, address: string, userAgent: string): string {
  return createHash('sha256')
    .update(salt)
    .update('\0')
    .update(address)
    .update('\0')
    .update(userAgent)
    .digest('base64url');
}

/**
 * Gives a new campaign its salt, in the caller's transaction (the campaign's creation); keeps
 * the one it has. 256 random bits, kept only in `campaign_salts`, which no route reads.
 */
export async function addCampaignSalt(db: Tx, year: number): Promise<void> {
  await db.run('INSERT INTO campaign_salts (year, salt) VALUES (?, ?) ON CONFLICT DO NOTHING', [
    year,
    randomBytes(32).toString('base64url'),
  ]);
}

/**
 * A campaign's salt: the one made at its creation, or for a campaign created before salts were
 * kept, one made now (once: later calls read it).
 */
export async function campaignSalt(store: Store, year: number): Promise<string> {
  const read = async () =>
    (
      await store.query<{ salt: string }>('SELECT salt FROM campaign_salts WHERE year = ?', [year])
    )[0]?.salt;
  const stored = await read();
  if (stored) return stored;
  await store.transaction((db) => addCampaignSalt(db, year));
  const made = await read();
  if (!made) throw new Error(`no salt for the ${year} campaign`);
  return made;
}
