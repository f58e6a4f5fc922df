import { seedDemo } from '@manyi/demo/seedDemo';
import type { Role } from '@manyi/domain/user';
import { machineActor } from '@manyi/store/audit';
import { openStore, type Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import { appOn, passwordOf, signIn } from './people.ts';
import { scratchStorePath } from '@manyi/store/testing/scratchStore';

/** The accounts of the year-end tests: a city-wide and a district evaluator, city leadership. */
const yearEndAccounts = ['chief', 'district', 'leader'] as const;
export type YearEndAccount = (typeof yearEndAccounts)[number];

/**
 * The demo's 2026 (open, with responses) in a store, the app on it, and a signed-in cookie per
 * account of the year-end tests.
 */
export async function yearEndStore(): Promise<{
  store: Store;
  app: ReturnType<typeof appOn>;
  cookies: Record<YearEndAccount, string>;
}> {
  const store = await openStore({ path: scratchStorePath() });
  await seedDemo(store, { years: [2026] });
  const [district] = await store.query<{ code: string }>(
    "SELECT code FROM units WHERE level = 'district' ORDER BY code LIMIT 1",
  );
  const roles: Record<YearEndAccount, [Role, string | null]> = {
    chief: ['evaluator', null],
    district: ['evaluator', district!.code],
    leader: ['leadership', null],
  };
  const app = appOn(store);
  const cookies = {} as Record<YearEndAccount, string>;
  for (const name of yearEndAccounts) {
    const [role, scope] = roles[name];
    await createUser(
      store,
      { username: name, displayName: null, role, scope, password: passwordOf(name) },
      machineActor(),
    );
    cookies[name] = await signIn(app, name);
  }
  return { store, app, cookies };
}
