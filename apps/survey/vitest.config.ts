import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The end-to-end tests seed a demo database, start the server and drive Chromium: a minute each at most.
export default mergeConfig(
  shared,
  defineConfig({
    test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
  }),
);
