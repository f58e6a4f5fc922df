import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import type { Role } from '@manyi/domain/user';
import { latestResults } from '@manyi/scoring/latestResults';
import { scoreYear } from '@manyi/scoring/scoreYear';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { machineActor } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import { openStore, type Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import { afterAll, beforeAll } from 'vitest';
import { appOn, passwordOf, signIn } from './people.ts';
import { scratchStorePath } from '@manyi/store/testing/scratchStore';

/**
 * Seeds `store` with a small 示范市 (2 districts, 4 streets, 15 communities) and scores it for
 * 2025 and 2026 (2026 closed), about a third of the communities with 3–9 responses: the region
 * of the API's results tests and of the dashboard's profile tests, so both read the same figures.
 */
export async function seedScoredRegion(store: Store): Promise<void> {
  await seedDemo(store, {
    years: [2025, 2026],
    regionRows: generateRegion({
      districts: 2,
      streetsPerDistrict: 2,
      communitiesPerStreet: [3, 4],
    }),
    yearOptions: {
      smallSampleShare: 0.35,
      smallSample: [3, 9],
      responsesPerCommunity: { median: 40, logSd: 0.3, min: 12, max: 60 },
    },
  });
  await scoreYear(store, 2025, { seed: 3 });
  await setCampaignState(store, 2026, 'closed');
  await scoreYear(store, 2026, { seed: 5 });
}

/** The accounts of the results-reading tests, by name: role and scope. */
export const readers = {
  chief: ['evaluator', null],
  west: ['evaluator', 'D02'],
  leader: ['leadership', null],
  streetStaff: ['street_staff', 'D01S01'],
  communityStaff: ['community_staff', 'D01S01C01'],
} as const satisfies Record<string, readonly [Role, string | null]>;
export type Reader = keyof typeof readers;

/** A scored region, its app and a signed-in cookie per reader. */
export interface ScoredRegion {
  store: Store;
  app: ReturnType<typeof appOn>;
  cookies: Record<Reader, string>;
}

/**
 * A small 示范市 (2 districts, 4 streets, 15 communities) scored for 2025 and 2026, about a
 * third of the communities with 3–9 responses (never published), the year `state2026` (closed
 * by default); the app on it and a signed-in cookie per reader.
 */
export async function scoredRegion(
  state2026: 'closed' | 'published' = 'closed',
): Promise<ScoredRegion> {
  const store = await openStore({ path: scratchStorePath() });
  await seedScoredRegion(store);
  if (state2026 === 'published') {
    await setCampaignState(store, 2026, 'finalized');
    await setCampaignState(store, 2026, 'published');
  }
  const app = appOn(store);
  const cookies = {} as Record<Reader, string>;
  for (const [name, [role, scope]] of Object.entries(readers)) {
    await createUser(
      store,
      { username: name, displayName: null, role, scope, password: passwordOf(name) },
      machineActor(),
    );
    cookies[name as Reader] = await signIn(app, name);
  }
  return { store, app, cookies };
}

/**
 * The scored region (`scoredRegion`) a test file's tests share: opened before the first test and
 * closed after the last (vitest's `beforeAll`/`afterAll`), with 2026's results as stored. Read
 * its fields inside tests, once `beforeAll` has filled them.
 */
export function sharedScoredRegion(state2026: 'closed' | 'published' = 'closed'): ScoredRegion & {
  stored: UnitResult[];
} {
  const region = {} as ScoredRegion & { stored: UnitResult[] };
  beforeAll(async () => {
    Object.assign(region, await scoredRegion(state2026));
    region.stored = (await latestResults(region.store, 2026))!.results;
  });
  afterAll(() => region.store.close());
  return region;
}
