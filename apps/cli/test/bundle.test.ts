import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freshBundle } from '../bin/freshBundle.js';
import { repoRoot, runManyi } from './runManyi.ts';

describe('freshBundle', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A root with two sources and a bundle made from them, its time `built` (seconds). */
  function bundled(built: number, inputs: unknown = ['src/a.ts', 'src/b.ts']) {
    root = mkdtempSync(join(tmpdir(), 'manyi-bundle-'));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    for (const name of ['a', 'b']) {
      writeFileSync(join(root, 'src', `${name}.ts`), 'export {};\n');
      utimesSync(join(root, 'src', `${name}.ts`), 1_000, 1_000);
    }
    writeFileSync(join(root, 'dist', 'main.js'), '');
    writeFileSync(join(root, 'dist', 'inputs.json'), JSON.stringify(inputs));
    utimesSync(join(root, 'dist', 'main.js'), built, built);
    return () => freshBundle(pathToFileURL(join(root, 'dist/')), pathToFileURL(`${root}/`));
  }

  it('takes a bundle no older than its sources', () => {
    expect(bundled(1_000)()).toBe(true);
    expect(bundled(2_000)()).toBe(true);
  });

  it('refuses a bundle older than one of its sources', () => {
    const fresh = bundled(2_000);
    utimesSync(join(root, 'src', 'b.ts'), 2_001, 2_001);
    expect(fresh()).toBe(false);
  });

  it('refuses a bundle whose source is gone, or whose list is missing or empty', () => {
    const gone = bundled(2_000);
    rmSync(join(root, 'src', 'a.ts'));
    expect(gone()).toBe(false);
    const unlisted = bundled(2_000);
    rmSync(join(root, 'dist', 'inputs.json'));
    expect(unlisted()).toBe(false);
    expect(bundled(2_000, [])()).toBe(false);
    expect(bundled(2_000, { 'src/a.ts': 1 })()).toBe(false);
  });

  it('refuses a missing bundle', () => {
    const fresh = bundled(2_000);
    rmSync(join(root, 'dist', 'main.js'));
    expect(fresh()).toBe(false);
  });
});

describe('manyi', () => {
  it('runs from the bundle the suite made, fresh against the sources', () => {
    const root = pathToFileURL(repoRoot);
    expect(freshBundle(new URL('apps/cli/dist/', root), root)).toBe(true);
  });

  it('answers alike from the bundle and from the sources', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'manyi-bundle-db-')), 'm.duckdb');
    for (const args of [['--help'], ['user', 'list', '--db', db]]) {
      const bundle = runManyi(args);
      const sources = runManyi(args, { env: { MANYI_CLI_SOURCES: '1' } });
      expect(bundle.status, bundle.stderr).toBe(0);
      expect(sources).toEqual(bundle);
    }
    expect(runManyi(['--help']).stdout).toContain('满意 Manyi');
  });
});
