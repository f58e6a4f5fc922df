import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@manyi/api/server';
import { machineActor } from '@manyi/store/audit';
import { openStore, type Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import type { Role } from '@manyi/domain/user';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchPage, type PageWatch } from './browser.ts';

/** Where the tests of the year's workflow leave their screenshots, for a person to look at. */
export const shotDir = process.env.SCREENSHOT_DIR ?? '/tmp/manyi-shots';

/** An account the test creates. */
export interface Account {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  scope: string | null;
}

/** The real thing a browser test drives: built pages, the API's server on a DuckDB file, Chromium. */
export interface AdminServer {
  url: string;
  store: Store;
  browser: Browser;
  /** Every address the pages asked for and every script error, checked at the end. */
  watch: PageWatch;
  close(): Promise<void>;
}

/**
 * Fills a DuckDB temp file (`seed`, e.g. the demo), adds the accounts, and serves it all, with the
 * pages the global setup built, on a free loopback port; published sites go to the temp folder.
 */
export async function startAdminServer(options: {
  seed: (store: Store) => Promise<unknown>;
  accounts: readonly Account[];
}): Promise<AdminServer> {
  const dir = mkdtempSync(join(tmpdir(), 'manyi-workflow-'));
  const publicDirBefore = process.env.MANYI_PUBLIC_DIR;
  process.env.MANYI_PUBLIC_DIR = join(dir, 'public');
  const store = await openStore({ path: join(dir, 'manyi.duckdb') });
  await options.seed(store);
  for (const account of options.accounts) await createUser(store, account, machineActor());
  const server: RunningServer = await startServer({ store, port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  mkdirSync(shotDir, { recursive: true });
  return {
    url: server.url,
    store,
    browser,
    watch: { requested: [], pageErrors: [] },
    async close() {
      await browser.close();
      await server.close().catch(() => {});
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (publicDirBefore === undefined) delete process.env.MANYI_PUBLIC_DIR;
      else process.env.MANYI_PUBLIC_DIR = publicDirBefore;
    },
  };
}

/** A fresh browser context at the given viewport, on a path of the server, its page watched. */
export async function openPage(
  server: AdminServer,
  path: string,
  width: number,
  height: number,
): Promise<Page> {
  const context = await server.browser.newContext({
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  watchPage(page, server.watch);
  await page.goto(`${server.url}${path}`);
  return page;
}

/** The evaluator pages, signed in as the account, once the first page is drawn. */
export async function signedInAdmin(
  server: AdminServer,
  account: Account,
  width = 1280,
  height = 800,
): Promise<Page> {
  const page = await openPage(server, '/dashboard/admin.html', width, height);
  await page.locator('#login:not([hidden])').waitFor();
  await page.locator('#login input[name=username]').fill(account.username);
  await page.locator('#login input[name=password]').fill(account.password);
  await page.locator('#login button[type=submit]').click();
  await page.locator('#who:not([hidden])').waitFor();
  await page.locator('#view > div > h2').waitFor();
  return page;
}

/** How far the page is wider than the screen (0: it fits). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** A screenshot into `shotDir`, named for the step. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage });
}
