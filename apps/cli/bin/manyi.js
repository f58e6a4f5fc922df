#!/usr/bin/env node
// The `manyi` command: the bundle `npm run build` makes (`dist/`, see `build.mjs`) when it is at
// least as new as every source in it; otherwise, or with MANYI_CLI_SOURCES=1, the TypeScript
// sources through tsx (slower to start by ~0.6 s, never stale).
import { freshBundle } from './freshBundle.js';

const dist = new URL('../dist/', import.meta.url);
if (
  process.env.MANYI_CLI_SOURCES !== '1' &&
  freshBundle(dist, new URL('../../../', import.meta.url))
)
  await import(new URL('main.js', dist).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
