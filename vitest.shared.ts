import { defineConfig } from 'vitest/config';

/**
 * Settings every workspace's tests share. The machine has 2 cores and runs one workspace at a
 * time: generous timeouts, so a slow moment is not a failure; the time zone pinned.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    env: { TZ: 'Asia/Shanghai' },
  },
});
