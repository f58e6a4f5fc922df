import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import type { Role } from '@manyi/domain/user';
import { scoreYear } from '@manyi/scoring/scoreYear';
import { machineActor } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import { openStore, type Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import { appOn, passwordOf, signIn } from './people.ts';

/** The accounts of the results-reading tests, by name: role and scope. */
export const readers = {
  chief: ['evaluator', null],
  west: ['evaluator', 'D02'],
  leader: ['leadership', null],
  streetStaff: ['street_staff', 'D01S01'],
  communityStaff: ['community_staff', 'D01S01C01'],
} as const satisfies Record<string, readonly [Role, string | null]>;
export type Reader = keyof typeof readers;

/**
 * A small 示范市 (2 districts, 4 streets, 15 communities) scored for 2025 and 2026, about a
 * third of the communities with 3–9 responses (never published), the year `state2026` (closed
 * by default); the app on it and a signed-in cookie per reader.
 */
export async function scoredRegion(state2026: 'closed' | 'published' = 'closed'): Promise<{
  store: Store;
  app: ReturnType<typeof appOn>;
  cookies: Record<Reader, string>;
}> {
  const store = await openStore({ path: ':memory:' });
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
