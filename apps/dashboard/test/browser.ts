import type { Page } from 'playwright-core';

export { launchChromium } from '../../../chromium.shared.ts';

/** What the pages of a test did that it checks at the end: every URL asked for, every script error. */
export interface PageWatch {
  requested: string[];
  pageErrors: Error[];
}

/**
 * Records a page's requests and script errors into `watch`, a Content-Security-Policy refusal
 * (reported on the console) counting as an error.
 */
export function watchPage(page: Page, watch: PageWatch): void {
  page.on('request', (request) => watch.requested.push(request.url()));
  page.on('pageerror', (error) => watch.pageErrors.push(error));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text()))
      watch.pageErrors.push(new Error(message.text()));
  });
}
