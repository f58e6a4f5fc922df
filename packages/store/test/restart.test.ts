import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { openStore } from '../src/Store.ts';

const child = fileURLToPath(new URL('./submitThenWait.ts', import.meta.url));

it('keeps an acknowledged submission when the process is killed right after the acknowledgement', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'manyi-restart-')), 'store.duckdb');
  const id = await new Promise<string>((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, path, 'restart-client-1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ACK (\S+)\n/.exec(out);
      if (match) {
        proc.kill('SIGKILL'); // no clean shutdown: only what was committed survives
        proc.once('exit', () => resolve(match[1]!));
      }
    });
    proc.once('error', reject);
    proc.once(
      'exit',
      (code, signal) => signal !== 'SIGKILL' && reject(new Error(`child exited with ${code}`)),
    );
  });
  const store = await openStore({ path });
  const rows = await store.query<{ id: string; client_id: string }>(
    'SELECT id, client_id FROM responses',
  );
  expect(rows).toEqual([{ id, client_id: 'restart-client-1' }]);
  const [answers] = await store.query<{ n: bigint }>(
    'SELECT count(*) AS n FROM answers WHERE response_id = ?',
    [id],
  );
  expect(answers!.n).toBe(1n);
  await store.close();
}, 30_000);
