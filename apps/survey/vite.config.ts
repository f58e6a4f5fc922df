import { defineConfig } from 'vite';

/**
 * The resident page, served by the API at `/s/<community code>`. In development `vite` proxies
 * `/api` to a running API (`MANYI_API_URL`, default the API's default port).
 */
export default defineConfig({
  base: '/s/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // SurveyJS is most of the page (≈360 kB gzipped) and every resident needs all of it at once.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/api': process.env.MANYI_API_URL ?? 'http://127.0.0.1:8787' },
  },
});
