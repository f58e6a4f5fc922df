import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { surveyDist } from './support/demoServer.ts';

// The built page as the server ships it: nothing in it may make a phone contact another host.

/**
 * Absolute URLs that may appear in the built files because they are never requested: XML
 * namespaces, a JSON-schema id, SurveyJS messages and links (the "powered by" banner, whose logo
 * would be fetched, is switched off by the page), and SurveyJS's test for YouTube video links.
 */
const inertUrls = [
  /^http:\/\/www\.w3\.org\//,
  /^http:\/\/json-schema\.org\/draft-07\/schema#$/,
  /^https?:\/\/surveyjs\.io\//,
  /^http:\/\/www\.opensource\.org\/licenses\/mit-license\.php$/,
  /^https:\/\/www\.youtube\.com\/$/,
];

describe('the built page (dist/)', () => {
  const files = builtFiles();

  it('is a Chinese, phone-sized page that forbids other hosts', () => {
    const html = readFileSync(join(surveyDist, 'index.html'), 'utf8');
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1/);
    expect(html).toMatch(/Content-Security-Policy[^>]+default-src 'self'/);
    expect(html).toMatch(/src="\/s\/assets\/[^"]+\.js"/);
  });

  it('loads no stylesheet, font or script from another host', () => {
    for (const file of files.filter((f) => /\.(css|html)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
      expect(text, file).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(text, file).not.toMatch(/@import/);
    }
  });

  it('names no other host except in strings that are never fetched', () => {
    const found = new Set<string>();
    for (const file of files) {
      for (const [url] of readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s"'`)<>\\]+/g))
        found.add(url);
    }
    expect([...found].filter((url) => !inertUrls.some((pattern) => pattern.test(url)))).toEqual([]);
  });
});

/** Every file of the build. */
function builtFiles(): string[] {
  return readdirSync(surveyDist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
