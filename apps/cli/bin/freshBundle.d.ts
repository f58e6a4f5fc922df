/** See `freshBundle.js`: whether `dist` holds a bundle no older than any of its sources. */
export function freshBundle(dist: URL, root: URL): boolean;
