import type { Page } from 'playwright-core';

// Cross-site scripting payloads (issue 6 §4) and the watch that proves none of them ran. Every
// payload calls `__xss(<its id>)` if a page ever lets it run; the watch defines that function in
// every frame before the page's own scripts, and also counts dialogs. Put the texts wherever data
// reaches a page (names of imported regions, instrument titles and choices, residents' comments),
// open the page, then `expectNoXss`. A new view only needs to be opened under the same watch.

/** One payload: `literal` when a page must show it exactly as written (no template processing). */
export interface XssPayload {
  id: number;
  text: string;
  /** False where a form engine may legitimately fill in `{placeholders}` (SurveyJS titles). */
  literal: boolean;
}

/** The payloads, each under 100 characters (the longest unit name an import takes). */
export const xssPayloads: readonly XssPayload[] = [
  // plain tags and event handlers
  '<script>__xss(1)</script>',
  '<img src=x onerror=__xss(2)>',
  '<svg onload=__xss(3)>',
  '<svg><script>__xss(4)</script></svg>',
  '<body onload=__xss(5)>',
  '<details open ontoggle=__xss(6)>',
  '<input autofocus onfocus=__xss(7)>',
  '<video><source onerror=__xss(8)></video>',
  '<iframe srcdoc="<script>parent.__xss(9)</script>">',
  '<marquee onstart=__xss(10)>',
  // breaking out of attributes and elements
  '"><img src=x onerror=__xss(11)>',
  "'><svg onload=__xss(12)>",
  '" onmouseover="__xss(13)" x="',
  "' onfocus='__xss(14)' autofocus='",
  '</title><script>__xss(15)</script>',
  '</textarea><script>__xss(16)</script>',
  '</style><script>__xss(17)</script>',
  '</tspan></text><script>__xss(18)</script>',
  '<!--<img src="--><img src=x onerror=__xss(19)>-->',
  // URLs
  'javascript:__xss(20)',
  '<a href="javascript:__xss(21)">点我</a>',
  '<svg><a href="javascript:__xss(22)"><text>x</text></a></svg>',
  '<object data="javascript:__xss(23)">',
  '<form><button formaction=javascript:__xss(24)>提交</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(25)">',
  // templates and markdown
  "{{constructor.constructor('__xss(26)')()}}",
  '${__xss(27)}',
  '<%= __xss(28) %>',
  '[点我](javascript:__xss(29))',
  '![x](x" onerror="__xss(30))',
  // encodings and parser tricks
  '&lt;img src=x onerror=__xss(31)&gt;',
  '<img src=x onerror=&#95;&#95;xss(32)>',
  '%3Cscript%3E__xss(33)%3C%2Fscript%3E',
  '<scr<script>ipt>__xss(34)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss(35)>',
  // direction and invisible characters
  '\u202E<img src=x onerror=__xss(36)>社区',
  '社\u200B区<script>__xss(37)</script>\u200D',
  '行\u2028<img src=x onerror=__xss(38)>\u2029分',
].map((text, i) => ({ id: i + 1, text, literal: true }));

/** SurveyJS text-processing payloads: placeholders it fills in, so not shown as written. */
export const surveyExpressionPayloads: readonly XssPayload[] = [
  '{community}<img src=x onerror=__xss(39)>',
  '{__xss(40)}',
  '{survey.title}<script>__xss(41)</script>',
].map((text, i) => ({ id: 39 + i, text, literal: false }));

/** Every payload. */
export const allXssPayloads: readonly XssPayload[] = [...xssPayloads, ...surveyExpressionPayloads];

/** What ran (must stay empty) and what the watch saw. */
export interface XssWatch {
  dialogs: string[];
  consoleErrors: string[];
}

/**
 * Installs `__xss` in every frame of the page before any of its scripts, and records dialogs
 * (dismissed at once, so that a payload's `alert` cannot block the test) and console errors.
 */
export async function watchForXss(page: Page): Promise<XssWatch> {
  const watch: XssWatch = { dialogs: [], consoleErrors: [] };
  await page.addInitScript(() => {
    const calls: number[] = [];
    Object.defineProperty(window, '__xssCalls', { value: calls });
    Object.defineProperty(window, '__xss', {
      value: (id: number) => {
        calls.push(id);
        // a payload in a frame counts on the page too
        if (window.top && window.top !== window)
          (window.top as unknown as { __xssCalls?: number[] }).__xssCalls?.push(id);
      },
    });
  });
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  return watch;
}

/** What a page shows of the payloads, and every sign that one became markup. */
export interface XssFindings {
  /** `__xss` calls: payloads that ran. */
  ran: number[];
  /** Elements or attributes a payload made: the holes, run or not (yet). */
  injected: string[];
  /** The page's text, with the text of SVG titles and form values. */
  text: string;
}

/**
 * Looks at the page as it is now: the payloads that ran, and any element or attribute that
 * carries `__xss` where markup would act on it (an event handler, a URL, a script, a frame) —
 * a hole even if the browser has not run it yet (a handler waits for its event).
 */
export async function xssFindings(page: Page): Promise<XssFindings> {
  return page.evaluate(() => {
    const urlAttributes = /^(href|xlink:href|src|srcdoc|action|formaction|data|content|style)$/i;
    const activeTags = /^(script|iframe|object|embed|frame|base|meta|link|style)$/i;
    const injected: string[] = [];
    const texts: string[] = [document.title];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        const active = /^on/i.test(attribute.name) || urlAttributes.test(attribute.name);
        if (active && /__xss|&#95;/i.test(attribute.value))
          injected.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
        if (/__xss|xss\(/i.test(attribute.name))
          injected.push(`<${element.localName}> attribute ${attribute.name}`);
      }
      if (activeTags.test(element.localName) && /__xss/.test(element.outerHTML))
        injected.push(element.outerHTML.slice(0, 200));
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
        texts.push(element.value);
    }
    texts.push(document.body.textContent ?? '');
    const ran = (window as unknown as { __xssCalls?: number[] }).__xssCalls ?? [];
    return { ran: [...ran], injected, text: texts.join('\n') };
  });
}

/**
 * Fails if a payload ran, became markup, or opened a dialog; returns what the page shows, for
 * checking that the payloads appear as text.
 *
 * @example const { text } = await expectNoXss(page, watch, 'survey'); expect(text).toContain(p.text)
 */
export async function expectNoXss(
  page: Page,
  watch: XssWatch,
  where: string,
): Promise<XssFindings> {
  const findings = await xssFindings(page);
  const problems = [
    ...findings.ran.map((id) => `payload ${id} ran`),
    ...findings.injected.map((markup) => `markup injected: ${markup}`),
    ...watch.dialogs.map((d) => `dialog opened: ${d}`),
    // a payload that half ran (a ReferenceError in a frame, a CSP report naming it)
    ...watch.consoleErrors.filter((e) => /__xss/.test(e)).map((e) => `console: ${e}`),
  ];
  if (problems.length) throw new Error(`XSS on ${where}:\n${problems.join('\n')}`);
  return findings;
}

/** Payloads among `payloads` that the text does not show exactly as written. */
export function missingFrom(text: string, payloads: readonly string[]): string[] {
  return payloads.filter((p) => !text.includes(p));
}
