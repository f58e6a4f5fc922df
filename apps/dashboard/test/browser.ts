import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing of the browser's own reaching the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

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
