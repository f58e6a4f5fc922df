import { api, ApiError, type Campaign, type Session, type SessionUser } from './admin/adminApi.ts';
import { endSession } from './admin/endSession.ts';
import { loginForm } from './admin/loginForm.ts';
import {
  defaultResultsYear,
  defaultYear,
  fillDistrictSelect,
  fillStreetSelect,
  fillYearSelect,
  filtersFromQuery,
  filtersToQuery,
  type DashboardFilters,
  type PlacedUnit,
} from './filters.ts';
import { dataCache } from './views/dataCache.ts';
import { dashboardViews, type DashboardView } from './views/index.ts';
import type { ViewContext } from './views/ViewContext.ts';
import './style.css';

/**
 * The leadership dashboard (`/dashboard/`): a tab per view of `views/index.ts`, chosen by the
 * address (`#overview`), and the filters year, district, street and urban/rural above them,
 * kept in the query so a view can be shared. Results need an evaluator or leadership session:
 * views that need one show the sign-in form until there is one.
 */

const form = document.querySelector<HTMLFormElement>('#filters')!;
const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
const yearSelect = select('year');
const districtSelect = select('district');
const streetSelect = select('street');
const kindSelect = select('kind');
const status = document.querySelector<HTMLElement>('#status')!;
const tabs = document.querySelector<HTMLElement>('#tabs')!;
const viewRoot = document.querySelector<HTMLElement>('#view')!;
const login = document.querySelector<HTMLFormElement>('#login')!;
const who = document.querySelector<HTMLElement>('#who')!;
const whoName = document.querySelector<HTMLElement>('#who-name')!;

const cache = dataCache();
let filters: DashboardFilters = filtersFromQuery(location.search);
let user: SessionUser | null = null;
let campaigns: Campaign[] = [];
let places: PlacedUnit[] = [];
let current: AbortController | null = null;
let drawnWidth = 0;

start();

/** Asks who is signed in and what there is to show, then draws the view the address names. */
async function start(): Promise<void> {
  buildTabs();
  loginForm(login, (session) => void signedIn(session.user));
  document.querySelector('#logout')!.addEventListener('click', () => void signOut());
  window.addEventListener('hashchange', () => void render());
  form.addEventListener('change', onFiltersChanged);
  // The address names a year and a results view: ask for the results at once, beside the
  // session and the years (a visitor not signed in gets a 401, and the sign-in form).
  if (filters.year != null && chosenView(null).needsSignIn && location.hash.length > 1)
    cache.results(filters.year).catch(() => {});
  try {
    const [session, years] = await Promise.all([
      api<Session>('GET', '/auth/me').catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }),
      api<Campaign[]>('GET', '/campaigns'),
    ]);
    user = session?.user ?? null;
    campaigns = years;
  } catch (error) {
    notify(`无法加载:${(error as Error).message}`, 'error', () => location.reload());
    return;
  }
  showUser();
  if (campaigns.length === 0) {
    notify('还没有任何测评年度。');
    return;
  }
  for (const element of [yearSelect, districtSelect, streetSelect, kindSelect])
    element.disabled = false;
  kindSelect.value = filters.kind;
  fillYearSelect(yearSelect, campaigns, filters.year ?? defaultYear(campaigns));
  new ResizeObserver(() => {
    // a view is drawn at its width: draw again when that changed noticeably, but not for the
    // page layout of printing, which would replace the chart being printed
    if (matchMedia('print').matches || document.body.classList.contains('print-one')) return;
    if (Math.abs(viewRoot.clientWidth - drawnWidth) > 24) void render();
  }).observe(viewRoot);
  await render();
}

/** One link per view, in the registry's order. */
function buildTabs(): void {
  tabs.replaceChildren(
    ...dashboardViews.map((view) => {
      const link = document.createElement('a');
      link.href = `#${view.id}`;
      link.dataset.view = view.id;
      link.lang = 'zh-CN';
      link.textContent = view.title;
      link.title = view.titleEn;
      return link;
    }),
  );
}

/** The view the address names, else the first one the reader may see. */
function chosenView(account: SessionUser | null = user): DashboardView {
  const named = dashboardViews.find((v) => v.id === location.hash.slice(1));
  if (named) return named;
  return (
    (account ? dashboardViews[0] : dashboardViews.find((v) => !v.needsSignIn)) ?? dashboardViews[0]!
  );
}

/** Draws the chosen view for the current year and filters, aborting the one drawn before. */
async function render(): Promise<void> {
  const view = chosenView();
  current?.abort();
  const controller = (current = new AbortController());
  for (const link of tabs.querySelectorAll<HTMLAnchorElement>('a[data-view]'))
    link.toggleAttribute('aria-current', link.dataset.view === view.id);
  document.title = `${view.title} · 居民满意度看板 · 满意`;
  const year =
    filters.year ?? (view.needsSignIn ? defaultResultsYear(campaigns) : defaultYear(campaigns));
  if (year == null) return;
  yearSelect.value = String(year);
  viewRoot.replaceChildren();
  if (view.needsSignIn && !user) {
    login.hidden = false;
    notify(`请登录后查看「${view.title}」。`);
    return;
  }
  login.hidden = true;
  notify('');
  try {
    await loadPlaces(view, year);
  } catch (error) {
    if (controller.signal.aborted) return;
    notify(`无法加载区县和街道:${(error as Error).message}`, 'error', () => void render());
    return;
  }
  if (controller.signal.aborted) return;
  const root = document.createElement('div');
  root.className = 'view-body';
  root.dataset.view = view.id;
  viewRoot.append(root);
  drawnWidth = viewRoot.clientWidth;
  const context: ViewContext = {
    year,
    filters: { district: filters.district, street: filters.street, kind: filters.kind },
    campaigns,
    user,
    results: cache.results,
    detailedResults: cache.detailedResults,
    rates: cache.rates,
    signal: controller.signal,
    notify: (message, kind, retry) => {
      if (!controller.signal.aborted) notify(message, kind, retry);
    },
  };
  performance.clearMarks(`manyi:view-drawn:${view.id}`);
  performance.mark(`manyi:view-start:${view.id}`);
  root.setAttribute('aria-busy', 'true');
  try {
    await view.render(root, context);
    if (controller.signal.aborted) return;
    root.removeAttribute('aria-busy');
    root.dataset.drawn = 'true';
    performance.mark(`manyi:view-drawn:${view.id}`);
  } catch (error) {
    if (controller.signal.aborted) return;
    root.removeAttribute('aria-busy');
    if (error instanceof ApiError && error.status === 401) {
      signedOut();
      return;
    }
    notify(`无法显示「${view.title}」:${(error as Error).message}`, 'error', () => void render());
  }
}

/** Applies a changed select, keeps the choice in the address, and draws the view again. */
function onFiltersChanged(event: Event): void {
  const district = districtSelect.value;
  filters = {
    year: Number(yearSelect.value) || null,
    district,
    // a street of another district no longer applies
    street: event.target === districtSelect ? '' : streetSelect.value,
    kind: kindSelect.value as DashboardFilters['kind'],
  };
  fillPlaces();
  history.replaceState(null, '', `${location.pathname}${filtersToQuery(filters)}${location.hash}`);
  void render();
}

/**
 * Fills the district and street selects (once): from the year's results when a view that needs
 * them is shown to a signed-in reader (so they list the units of the reader's region, with no
 * request of their own), else from the public list of communities.
 */
async function loadPlaces(view: DashboardView, year: number): Promise<void> {
  if (places.length) return;
  const results = user && view.needsSignIn ? await cache.results(year).catch(() => null) : null;
  const communities = results?.rows.filter((r) => r.level === 'community' && r.streetCode);
  places = communities?.length
    ? communities.map((r) => ({
        streetCode: r.streetCode!,
        streetName: r.streetName ?? '',
        districtCode: r.districtCode,
        districtName: r.districtName,
      }))
    : await api<PlacedUnit[]>('GET', '/communities');
  fillPlaces();
}

/** Refills the year, district and street selects for the current filters. */
function fillPlaces(): void {
  fillYearSelect(yearSelect, campaigns, filters.year ?? defaultYear(campaigns));
  // not loaded yet (the sign-in form is shown): keep the filters the address names
  if (places.length === 0) return;
  fillDistrictSelect(districtSelect, places, filters.district);
  filters.district = districtSelect.value;
  fillStreetSelect(streetSelect, places, filters.district, filters.street);
  filters.street = streetSelect.value;
}

/** After signing in: forget what the previous account could see, and draw the view. */
async function signedIn(account: SessionUser): Promise<void> {
  user = account;
  cache.clear();
  places = [];
  showUser();
  await render();
}

/** Ends the session; views that need one show the sign-in form again. */
async function signOut(): Promise<void> {
  if (!(await endSession(notify))) return;
  signedOut();
}

/** No session (any more): forget the figures and show the sign-in form where it is needed. */
function signedOut(): void {
  user = null;
  cache.clear();
  places = [];
  showUser();
  void render();
}

/** The account in the masthead, or nothing. */
function showUser(): void {
  who.hidden = user === null;
  whoName.textContent = user ? `${user.displayName ?? user.username}` : '';
}

/** A message in the status line; empty hides it; `retry` adds a 重试 button. */
function notify(message: string, kind: 'info' | 'error' = 'info', retry?: () => unknown): void {
  status.classList.toggle('error', kind === 'error');
  status.hidden = message === '';
  status.replaceChildren(message);
  if (retry) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '重试';
    button.addEventListener('click', () => retry());
    status.append(' ', button);
  }
}
