import type { Role } from '@manyi/domain/user';
import { roleLabels } from './lifecycleRules.ts';
import '../style.css';
import './admin.css';
import { api, ApiError, type Campaign, type Session, type SessionUser } from './adminApi.ts';
import { campaignsView } from './campaignsView.ts';
import { endSession } from './endSession.ts';
import { loginForm } from './loginForm.ts';
import { qualityView } from './qualityView.ts';
import { ratesView } from './ratesView.ts';
import { yearEndView } from './yearEndView.ts';
import type { AdminContext } from './AdminContext.ts';

/**
 * The pages behind the tabs, by the name in the address (`#rates`). The two with a SurveyJS form
 * load it when first opened, so that the other pages do without its megabyte.
 */
const views = {
  campaigns: campaignsView,
  rates: ratesView,
  quality: qualityView,
  entry: async (container: HTMLElement, context: AdminContext) =>
    (await import('./entryView.ts')).entryView(container, context),
  twoWay: async (container: HTMLElement, context: AdminContext) =>
    (await import('./twoWayView.ts')).twoWayView(container, context),
  yearEnd: yearEndView,
} as const;
type ViewName = keyof typeof views;

/** The tabs each role sees, the first one its start page: staff fill their two-way forms only. */
const viewsOf: Record<Role, readonly ViewName[]> = {
  evaluator: ['campaigns', 'rates', 'quality', 'entry', 'yearEnd'],
  leadership: ['campaigns', 'rates', 'quality', 'yearEnd'],
  street_staff: ['twoWay'],
  community_staff: ['twoWay'],
};

const status = document.querySelector<HTMLElement>('#status')!;
const who = document.querySelector<HTMLElement>('#who')!;
const whoName = document.querySelector<HTMLElement>('#who-name')!;
const tabs = document.querySelector<HTMLElement>('#tabs')!;
const yearPicker = document.querySelector<HTMLElement>('#year-picker')!;
const yearSelect = yearPicker.querySelector('select')!;
const view = document.querySelector<HTMLElement>('#view')!;
const login = document.querySelector<HTMLFormElement>('#login')!;

let user: SessionUser | null = null;
let campaigns: Campaign[] = [];

loginForm(login, (session) => void signedIn(session.user));
document.querySelector('#logout')!.addEventListener('click', () => void signOut());
window.addEventListener('hashchange', () => void render());
yearSelect.addEventListener('change', () => void render());
start();

/** Asks who is signed in: the pages, or the login form. */
async function start(): Promise<void> {
  try {
    const session = await api<Session>('GET', '/auth/me');
    await signedIn(session.user);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut();
    else notify(`无法加载:${(error as Error).message}`, 'error');
  }
}

/** Shows the account in the masthead, the tabs, and the page in the address. */
async function signedIn(account: SessionUser): Promise<void> {
  user = account;
  login.hidden = true;
  whoName.textContent = `${account.displayName ?? account.username} · ${roleLabels[account.role]} · ${
    account.scope === null ? '全市' : `范围 ${account.scope}`
  }`;
  who.hidden = false;
  staffHeading(account.role);
  for (const link of tabs.querySelectorAll<HTMLAnchorElement>('a[data-view]'))
    link.hidden = !viewsOf[account.role].includes(link.dataset.view as ViewName);
  tabs.hidden = false;
  await reloadCampaigns();
  await render();
}

/** Ends the session and shows the login form. */
async function signOut(): Promise<void> {
  if (!(await endSession(notify))) return;
  signedOut();
  notify('已退出登录。');
}

/** The login form alone. */
function signedOut(): void {
  user = null;
  who.hidden = true;
  tabs.hidden = true;
  view.replaceChildren();
  login.hidden = false;
  notify('');
  login.querySelector('input')!.focus();
}

/** Fetches the campaign years again and refills the year picker, keeping the chosen year. */
async function reloadCampaigns(): Promise<void> {
  campaigns = await api<Campaign[]>('GET', '/campaigns');
  const chosen = Number(yearSelect.value) || defaultYear(campaigns);
  yearSelect.replaceChildren(
    ...campaigns.map((c) => new Option(`${c.year} 年度`, String(c.year), false, c.year === chosen)),
  );
}

/** Draws the page the address names, else the role's start page. */
async function render(): Promise<void> {
  if (!user) return;
  const allowed = viewsOf[user.role];
  const asked = location.hash.slice(1) as ViewName;
  const name: ViewName = allowed.includes(asked) ? asked : allowed[0]!;
  for (const link of tabs.querySelectorAll<HTMLAnchorElement>('a[data-view]'))
    link.toggleAttribute('aria-current', link.dataset.view === name);
  yearPicker.hidden = name === 'campaigns' || campaigns.length === 0;
  notify('');
  const context: AdminContext = {
    user,
    campaigns,
    year: Number(yearSelect.value),
    notify,
    reloadCampaigns: async () => {
      await reloadCampaigns();
      context.campaigns = campaigns;
    },
  };
  const container = document.createElement('div');
  view.replaceChildren(container);
  try {
    await views[name](container, context);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut();
    notify((error as Error).message, 'error');
  }
}

/** Street and community staff only fill forms here: the masthead says so, not 考评办. */
function staffHeading(role: Role): void {
  if (role !== 'street_staff' && role !== 'community_staff') return;
  const heading = document.querySelector<HTMLElement>('.admin-masthead h1')!;
  heading.replaceChildren('双向评价填报 ');
  heading.append(
    Object.assign(document.createElement('span'), { className: 'en', textContent: 'Staff' }),
  );
  document.title = '双向评价填报 · 满意';
}

/** A message in the status line; empty hides it. */
function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.hidden = message === '';
  status.classList.toggle('error', kind === 'error');
}

/** The open year, else the newest one. */
function defaultYear(list: Campaign[]): number {
  return (list.find((c) => c.state === 'open') ?? list[0])?.year ?? 0;
}
