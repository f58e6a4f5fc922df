import { chromium, type Browser } from 'playwright-core';

/**
 * How every browser run of the repo (the dashboard's and the survey's tests, the dashboard
 * bench) launches Chromium: one place, so a flag added for one is added for all. It lives beside
 * vitest.shared.ts because apps do not import each other and no package depends on a browser.
 */

/** Debian's Chromium: the tests and benches never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

/** Headless, and nothing of the browser's own that reaches the network. */
export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the machine's Chromium with `chromiumArgs`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
}
