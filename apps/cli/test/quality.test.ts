import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runManyi } from './runManyi.ts';
import { seedDemo } from '@manyi/demo/seedDemo';
import { listAudit } from '@manyi/store/audit';
import { openStore } from '@manyi/store/Store';

const db = join(mkdtempSync(join(tmpdir(), 'manyi-cli-quality-')), 'quality.duckdb');

/** Runs `manyi ARGS` (see runManyi.ts). */
const manyi = (...args: string[]) => runManyi([...args, '--db', db]);

describe('manyi quality', () => {
  it(
    'flags a demo year, lists the flagged, reinstates and excludes with a reason, refuses a frozen year',
    { timeout: 120_000 },
    async () => {
      const seeded = await openStore({ path: db });
      await seedDemo(seeded, { years: [2026] });
      await seeded.close();

      const flag = manyi('quality', 'flag', '--year', '2026');
      expect(flag.stderr).toBe('');
      expect(flag.stdout).toMatch(/2026 年度检查了 19886 份居民答卷,\d+ 份被标记/);

      const list = manyi('quality', 'list', '--year', '2026', '--flag', 'speeder', '--limit', '3');
      expect(list.status).toBe(0);
      const lines = list.stdout.trim().split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[3]).toMatch(/^共 \d+ 份,显示第 1–3 份/);
      const [id, clientId, , status, flags] = lines[0]!.split('\t');
      expect(clientId).toMatch(/^syn-2026-/);
      expect([status, flags]).toEqual(['flagged', 'speeder']);

      const noReason = manyi('quality', 'reinstate', '--year', '2026', '--id', id!);
      expect(noReason.status).toBe(1);
      expect(noReason.stderr).toMatch(/--reason/);
      const blank = manyi('quality', 'reinstate', '--year', '2026', '--id', id!, '--reason', ' ');
      expect(blank.status).toBe(1);
      expect(blank.stderr).toMatch(/须说明理由/);
      const reinstated = manyi(
        'quality',
        'reinstate',
        '--year',
        '2026',
        '--id',
        id!,
        '--reason',
        '电话回访确认',
      );
      expect(reinstated.stderr).toBe('');
      expect(reinstated.stdout).toMatch(/flagged → reinstated,计入评分/);
      const excluded = manyi(
        'quality',
        'exclude',
        '--year',
        '2026',
        '--id',
        id!,
        '--reason',
        '复核',
      );
      expect(excluded.stdout).toMatch(/reinstated → excluded/);
      const none = manyi('quality', 'exclude', '--year', '2026', '--id', 'nope', '--reason', 'x');
      expect(none.status).toBe(1);
      expect(none.stderr).toMatch(/没有居民答卷 nope/);

      expect(manyi('campaign', 'close', '--year', '2026').status).toBe(0);
      expect(manyi('campaign', 'finalize', '--year', '2026').status).toBe(0);
      const frozen = manyi('quality', 'reinstate', '--year', '2026', '--id', id!, '--reason', 'x');
      expect(frozen.status).toBe(1);
      expect(frozen.stderr).toMatch(/数据已冻结/);
      expect(manyi('quality', 'flag', '--year', '2026').status).toBe(1);

      const store = await openStore({ path: db });
      try {
        const log = await listAudit(store, { action: 'response.' });
        expect(log.map((e) => [e.action, e.reason, e.actor.via])).toEqual([
          ['response.exclude', '复核', 'cli'],
          ['response.reinstate', '电话回访确认', 'cli'],
        ]);
        const [row] = await store.query<{ n: bigint }>(
          'SELECT count(*) AS n FROM valid_responses WHERE id = ?',
          [id!],
        );
        expect(row!.n).toBe(0n);
      } finally {
        await store.close();
      }
    },
  );
});
