import { defineConfig } from 'vite';

/**
 * The dashboard, served by the API at `/dashboard/`. In development `vite` proxies `/api` to a
 * running API (`MANYI_API_URL`, default the API's default port).
 */
export default defineConfig({
  base: '/dashboard/',
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: { '/api': process.env.MANYI_API_URL ?? 'http://127.0.0.1:8787' },
  },
});
