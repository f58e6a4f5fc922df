import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard, served by the API at `/dashboard/`: the leadership page (`index.html`) and the
 * evaluators' pages (`admin.html`). In development `vite` proxies `/api` to a running API
 * (`MANYI_API_URL`, default the API's default port).
 */
export default defineConfig({
  base: '/dashboard/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        admin: fileURLToPath(new URL('admin.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/api': process.env.MANYI_API_URL ?? 'http://127.0.0.1:8787' },
  },
});
