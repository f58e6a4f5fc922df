import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** The pages are built once for the suite (`test/buildApps.ts`), then served from `dist/`. */
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['test/buildApps.ts'] } }));
