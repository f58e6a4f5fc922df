import { unitsFromRegionRows, type RegionRow } from '@manyi/domain/region';
import type { Role } from '@manyi/domain/user';
import { machineActor } from '@manyi/store/audit';
import { saveCampaign, saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import { replaceRegions } from '@manyi/store/regions';
import { openStore, type Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import type { User } from '@manyi/domain/user';
import type { Instrument } from '@manyi/domain/instrument';
import { createApp, type AppOptions } from '../src/app.ts';
import { testInstrument } from './fixture.ts';
import { scratchStorePath } from '@manyi/store/testing/scratchStore';

/** The origin `app.request` gives a path. */
export const origin = 'http://localhost';

const row = (district: string, street: string, community: string): RegionRow => ({
  district_code: district,
  district_name: `${district}区`,
  street_code: street,
  street_name: `${street}街道`,
  street_kind: '街道',
  community_code: community,
  community_name: `${community}社区`,
  community_kind: 'urban',
  grid_code: `${community}G1`,
  grid_name: '一网格',
  population: 100,
});

/** Two districts: D1 (street S1: C1, C2) and D2 (street S2: C3). */
export const twoDistricts: RegionRow[] = [
  row('D1', 'S1', 'C1'),
  row('D1', 'S1', 'C2'),
  row('D2', 'S2', 'C3'),
];

/** The accounts of the tests: every role, city-wide and in either district. */
export const accounts = {
  city: { role: 'evaluator', scope: null },
  east: { role: 'evaluator', scope: 'D1' },
  west: { role: 'evaluator', scope: 'D2' },
  boss: { role: 'leadership', scope: null },
  street: { role: 'street_staff', scope: 'S1' },
  community: { role: 'community_staff', scope: 'C1' },
} as const satisfies Record<string, { role: Role; scope: string | null }>;
export type AccountName = keyof typeof accounts;

/** Each account's password. */
export const passwordOf = (name: string) => `password-of-${name}`;

/**
 * A store with the two districts, an open 2026 campaign (the test resident form, and `forms`
 * besides), and the accounts (`users` by name).
 */
export async function peopleStore(
  path = scratchStorePath(),
  forms: readonly Instrument[] = [],
): Promise<{ store: Store; users: Record<AccountName, User> }> {
  const store = await openStore({ path });
  await replaceRegions(store, unitsFromRegionRows(twoDistricts));
  await saveCampaign(store, {
    year: 2026,
    title: '2026年度测评',
    opensAt: null,
    closesAt: null,
    state: 'draft',
  });
  for (const instrument of [testInstrument, ...forms])
    await saveInstrument(store, 2026, instrument);
  await setCampaignState(store, 2026, 'open');
  const entries = await Promise.all(
    Object.entries(accounts).map(async ([name, a]) => {
      const user = await createUser(
        store,
        {
          username: name,
          displayName: null,
          role: a.role,
          scope: a.scope,
          password: passwordOf(name),
        },
        machineActor(),
      );
      return [name, user] as const;
    }),
  );
  return { store, users: Object.fromEntries(entries) as Record<AccountName, User> };
}

/** The app on a store (options as `createApp` takes them). */
export function appOn(store: Store, options: Omit<AppOptions, 'store'> = {}) {
  // the refusals these tests provoke on purpose are not news: the security log has its own test
  return createApp({ store, securityLog: () => {}, ...options });
}

type App = ReturnType<typeof createApp>;

/** Signs in and returns the `cookie` header that carries the session. */
export async function signIn(app: App, name: string, password = passwordOf(name)): Promise<string> {
  const res = await login(app, name, password);
  if (res.status !== 200) throw new Error(`sign-in of ${name}: ${res.status} ${await res.text()}`);
  return cookieOf(res);
}

/** `POST /api/v1/auth/login` from our own origin. */
export function login(
  app: App,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: JSON.stringify({ username, password }),
  });
}

/** The `name=value` of a response's Set-Cookie, as a browser would send it back. */
export function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** A request as our own pages send it: JSON, from our origin, with the session cookie if any. */
export function call(
  app: App,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { origin, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return app.request(`/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}
