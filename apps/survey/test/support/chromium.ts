import type { Browser, BrowserContext } from 'playwright-core';

export { launchChromium } from '../../../../chromium.shared.ts';

/**
 * A fresh browser profile on a resident's phone: 390 × 844, touch, Chinese, Shanghai time.
 * Each context has its own localStorage, so tests do not see each other's drafts.
 */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** Every URL a context requests from now on (documents, assets, API calls, aborted ones too). */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}
