import type { Role } from '@manyi/domain/user';
import { machineActor } from '@manyi/store/audit';
import { listCommunities } from '@manyi/store/regions';
import type { Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';

/**
 * The password of the demo's accounts: known, because the demo is for a first look on one's own
 * machine (the server listens on 127.0.0.1 unless told otherwise). A real deployment never loads
 * the demo, and creates its first evaluator with `manyi user add`.
 */
export const demoPassword = 'manyi-demo';

/** One account of each role, as the demo creates them. */
export interface DemoAccount {
  username: string;
  role: Role;
  scope: string | null;
  label: string;
}

/**
 * Creates the demo's accounts, one per role, so that every page can be tried at once: a city
 * evaluator, city leadership, the staff of the first street and of its first community.
 */
export async function addDemoAccounts(store: Store): Promise<DemoAccount[]> {
  const [community] = await listCommunities(store);
  if (!community) return [];
  const accounts: DemoAccount[] = [
    { username: 'evaluator', role: 'evaluator', scope: null, label: '考评办 evaluator' },
    { username: 'leader', role: 'leadership', scope: null, label: '市领导 leadership' },
    {
      username: 'street',
      role: 'street_staff',
      scope: community.streetCode,
      label: `${community.streetName} street staff`,
    },
    {
      username: 'community',
      role: 'community_staff',
      scope: community.code,
      label: `${community.name} community staff`,
    },
  ];
  for (const account of accounts)
    await createUser(
      store,
      {
        username: account.username,
        displayName: `演示 ${account.label}`,
        role: account.role,
        scope: account.scope,
        password: demoPassword,
      },
      machineActor(),
    );
  return accounts;
}
