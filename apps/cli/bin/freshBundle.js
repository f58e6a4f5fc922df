import { readFileSync, statSync } from 'node:fs';

/**
 * Whether `dist/` (made by `build.mjs`) holds a bundle at least as new as every source it was
 * made from (`dist/inputs.json`, paths from `root`): false if it is missing, unreadable, or any
 * of those sources changed (or went) since. A few milliseconds: one `stat` per source.
 *
 * @param {URL} dist the bundle's folder, ending in `/`
 * @param {URL} root the folder its inputs are relative to, ending in `/`
 * @returns {boolean}
 */
export function freshBundle(dist, root) {
  try {
    const built = statSync(new URL('main.js', dist)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    return (
      Array.isArray(inputs) &&
      inputs.length > 0 &&
      inputs.every((path) => statSync(new URL(path, root)).mtimeMs <= built)
    );
  } catch {
    return false;
  }
}
