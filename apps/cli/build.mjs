// `npm run build` here: the CLI and the workspaces it imports bundled by esbuild into `dist/`
// (other packages stay imports), with `dist/inputs.json`, the sources it was made from, for
// `bin/manyi.js` to tell whether the bundle is older than any of them. Through tsx each run spent
// ~0.6 s transforming and loading the sources before any work.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: ['apps/cli/src/main.ts'],
  outdir: 'apps/cli/dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The bundle sits three folders below the root, as the sources it replaces do
  // (`packages/<name>/src/`, `apps/<name>/src/`), so their `new URL('../../../data/…',
  // import.meta.url)` still finds the same files.
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'workspaces-only',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@manyi/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
const inputs = Object.keys(metafile.inputs).sort();
writeFileSync(new URL('dist/inputs.json', import.meta.url), JSON.stringify(inputs, null, 1) + '\n');
console.log(`cli: bundled ${inputs.length} sources into dist/`);
