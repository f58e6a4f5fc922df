import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/**
 * Two files at a time: the tests mostly wait on child processes (1½ minutes instead of 2¼). The
 * CLI is bundled first (`test/buildBundle.ts`), as `npm run build` bundles it.
 */
export default mergeConfig(
  shared,
  defineConfig({ test: { maxWorkers: 2, globalSetup: ['test/buildBundle.ts'] } }),
);
