import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runManyi } from './runManyi.ts';
import { openStore } from '@manyi/store/Store';

const dir = mkdtempSync(join(tmpdir(), 'manyi-cli-invitations-'));
const db = join(dir, 'manyi.duckdb');

/** Runs `manyi ARGS` (see runManyi.ts). */
const manyi = (args: string[], env: Record<string, string> = {}) =>
  runManyi(args, { tz: 'UTC', env: { MANYI_PUBLIC_URL: undefined, ...env } });

describe('manyi invitations issue and manyi poster', () => {
  it(
    'writes slips and posters pointing at the public URL, never over an existing file',
    { timeout: 120_000 },
    async () => {
      const regions = join(dir, 'regions.csv');
      writeFileSync(
        regions,
        'district_code,district_name,street_code,street_name,street_kind,community_code,community_name,community_kind,grid_code,grid_name,population\n' +
          '01,东区,0101,东街道,街道,010101,幸福社区,urban,01010101,一网格,500\n',
      );
      expect(manyi(['import', 'regions', regions, '--db', db]).status).toBe(0);
      const created = manyi([
        'campaign',
        'create',
        '--year',
        '2026',
        '--title',
        '2026年度测评',
        '--db',
        db,
      ]);
      expect(created.stderr).toBe('');

      const issue = (out: string, env: Record<string, string> = {}, count = '12') =>
        manyi(
          [
            'invitations',
            'issue',
            '--year',
            '2026',
            '--community',
            '010101',
            '--count',
            count,
            '--out',
            out,
            '--db',
            db,
          ],
          env,
        );
      const noUrl = issue(join(dir, 'none.pdf'));
      expect(noUrl.status).toBe(1);
      expect(noUrl.stderr).toMatch(/MANYI_PUBLIC_URL/);

      const env = { MANYI_PUBLIC_URL: 'https://manyi.example.gov.cn' };
      const pdf = join(dir, 'slips.pdf');
      const issued = issue(pdf, env);
      expect(issued.stderr).toBe('');
      expect(issued.stdout).toContain('已发放 12 份邀请');
      expect(readFileSync(pdf, 'latin1')).toMatch(/^%PDF-[\s\S]*\/Count 2\b/);
      expect(statSync(pdf).mode & 0o777).toBe(0o600);

      const again = issue(pdf, env);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/EEXIST/);
      expect(readFileSync(pdf, 'latin1')).toMatch(/^%PDF-/);

      const json = join(dir, 'links.json');
      expect(issue(json, env, '2').status).toBe(0);
      const list = JSON.parse(readFileSync(json, 'utf8'));
      expect(list.invitations[0].url).toMatch(
        /^https:\/\/manyi\.example\.gov\.cn\/s\/010101\?t=[0-9A-Z]{26}$/,
      );
      expect(issue(join(dir, 'slips.gif'), env).stderr).toMatch(/\.pdf、\.png、\.json/);

      const poster = join(dir, 'poster.png');
      const printed = manyi([
        'poster',
        '--year',
        '2026',
        '--community',
        '010101',
        '--out',
        poster,
        '--url',
        'https://manyi.example.gov.cn',
        '--db',
        db,
      ]);
      expect(printed.stderr).toBe('');
      expect(readFileSync(poster).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
      const missing = manyi([
        'poster',
        '--year',
        '2026',
        '--community',
        'nope',
        '--out',
        poster,
        '--url',
        'https://x.cn',
        '--db',
        db,
      ]);
      expect(missing.stderr).toMatch(/没有编码为 nope 的社区/);

      const store = await openStore({ path: db });
      const rows = await store.query('SELECT count(*)::INTEGER AS n FROM invitations');
      await store.close();
      expect(rows).toEqual([{ n: 14 }]); // the refused file issued nothing
    },
  );
});
