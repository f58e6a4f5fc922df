import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { openStore } from '@manyi/store/Store';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// The README's first command ends in `manyi serve --demo`: on an empty database it loads the demo,
// scores the closed year, and serves the API, the survey page and the dashboard on one port.
it('serves the demo on one port from an empty database, with the closed year scored', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'manyi-serve-')), 'demo.duckdb');
  const child = spawn(
    process.execPath,
    ['apps/cli/bin/manyi.js', 'serve', '--demo', '--db', db, '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const output = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ctrl+C')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
    });
    const dashboard = /看板 dashboard:\s+(\S+)/.exec(output)![1]!;
    const survey = /居民问卷 survey:\s+(\S+)/.exec(output)![1]!;
    const base = dashboard.replace(/\/dashboard\/$/, '');
    expect(await (await fetch(`${base}/api/v1/health`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(dashboard)).status).toBe(200);
    expect((await fetch(survey)).status).toBe(200);
    const communities = (await (await fetch(`${base}/api/v1/communities`)).json()) as unknown[];
    expect(communities.length).toBeGreaterThanOrEqual(200);
    const live = (await (await fetch(`${base}/api/v1/live/2026`)).json()) as { state: string };
    expect(live.state).toBe('open');
    // the demo's accounts sign in, and the leader reads the scored year
    expect(output).toMatch(/demo accounts \(password manyi-demo\)/);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: 'leader', password: 'manyi-demo' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const results = await fetch(`${base}/api/v1/results/2025`, { headers: { cookie } });
    expect(results.status).toBe(200);
    expect(((await results.json()) as { rows: unknown[] }).rows.length).toBeGreaterThan(200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  const store = await openStore({ path: db });
  const runs = await store.query<{ year: number }>('SELECT year FROM scoring_runs');
  expect(runs).toEqual([{ year: 2025 }]);
  await store.close();
}, 120_000);
