import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runManyi } from './runManyi.ts';
import { listAudit } from '@manyi/store/audit';
import { verifyPassword } from '@manyi/store/passwords';
import { openStore } from '@manyi/store/Store';
import { loginRecord } from '@manyi/store/users';

const dir = mkdtempSync(join(tmpdir(), 'manyi-cli-people-'));

/** Runs `manyi ARGS` (see runManyi.ts). */
const manyi = (args: string[], input = '') => runManyi(args, { input, tz: 'UTC' });

describe('manyi user', () => {
  it(
    'adds the first evaluator with the password from stdin, lists and disables accounts, logging each write',
    { timeout: 60_000 },
    async () => {
      const db = join(dir, 'users.duckdb');
      const add = manyi(
        ['user', 'add', '--username', 'KPB', '--role', 'evaluator', '--name', '考评办', '--db', db],
        'first-evaluator-pw\n',
      );
      expect(add.stderr).toBe('');
      expect(add.stdout).toContain('已创建账号 kpb(考评办,全市 city)');
      expect(add.status).toBe(0);

      const again = manyi(
        ['user', 'add', '--username', 'kpb', '--role', 'leadership', '--db', db],
        'another-password\n',
      );
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/用户名 kpb 已被使用 \/ the username kpb is taken/);
      const unknownScope = manyi(
        ['user', 'add', '--username', 'xx', '--role', 'leadership', '--scope', 'D9', '--db', db],
        'another-password\n',
      );
      expect(unknownScope.status).toBe(1);
      expect(unknownScope.stderr).toMatch(/没有编码为 D9 的区划/);
      const short = manyi(
        ['user', 'add', '--username', 'yy', '--role', 'leadership', '--db', db],
        'short\n',
      );
      expect(short.stderr).toMatch(/密码至少 8 个字符/);
      const argv = manyi([
        'user',
        'add',
        '--username',
        'z',
        '--role',
        'leadership',
        '--password',
        'on-the-command-line',
        '--db',
        db,
      ]);
      expect(argv.status).toBe(1);
      expect(argv.stderr).toMatch(/unknown option '--password'/);
      expect(manyi(['user', 'add', '--username', 'ww', '--role', 'admin', '--db', db]).status).toBe(
        1,
      );

      const list = manyi(['user', 'list', '--db', db]);
      expect(list.stdout).toMatch(
        /^kpb\t考评办 evaluator\t全市 city\t考评办\t\d{4}-\d\d-\d\dT.*\t有效 \/ active$/m,
      );
      expect(manyi(['user', 'disable', '--username', 'kpb', '--db', db]).stdout).toContain(
        '已停用账号 kpb',
      );

      const store = await openStore({ path: db });
      try {
        const record = await loginRecord(store, 'kpb');
        expect(await verifyPassword('first-evaluator-pw', record!.passwordHash)).toBe(true);
        expect(record!.disabled).toBe(true);
        const log = await listAudit(store);
        expect(log.map((e) => e.action)).toEqual(['user.disable', 'user.create']);
        expect(log[1]!.actor).toMatchObject({ via: 'cli', userId: null, role: null });
        expect(
          JSON.stringify(await store.query('SELECT * FROM audit_log', []), (_, v) =>
            typeof v === 'bigint' ? Number(v) : v,
          ),
        ).not.toContain('first-evaluator-pw');
      } finally {
        await store.close();
      }
    },
  );
});

describe('manyi campaign', () => {
  it(
    'walks a campaign through its lifecycle, refusing what it does not allow, logging each step',
    { timeout: 120_000 },
    async () => {
      const db = join(dir, 'campaign.duckdb');
      const create = manyi([
        'campaign',
        'create',
        '--year',
        '2026',
        '--title',
        '2026年度测评',
        '--opens-at',
        '2026-11-10T00:00:00+08:00',
        '--closes-at',
        '2026-12-11T00:00:00+08:00',
        '--instruments',
        'data/instruments',
        '--db',
        db,
      ]);
      expect(create.stderr).toBe('');
      expect(create.stdout).toContain(
        '已新建 2026 年度测评(草稿),问卷 resident、community_to_street、street_to_community',
      );
      expect(
        manyi([
          'campaign',
          'create',
          '--year',
          '2027',
          '--title',
          't',
          '--closes-at',
          'tomorrow',
          '--db',
          db,
        ]).status,
      ).toBe(1);

      const step = (action: string, ...extra: string[]) =>
        manyi(['campaign', action, '--year', '2026', ...extra, '--db', db]);
      expect(step('finalize').stderr).toMatch(/2026 年度测评为草稿,不能改为已定稿/);
      expect(step('open').stdout).toContain(
        '2026 年度测评:草稿 → 进行中 / the 2026 campaign: draft → open',
      );
      expect(step('reopen', '--reason', 'x').stderr).toMatch(/只有已定稿的年度可以 reopen/);
      expect(step('close').status).toBe(0);
      expect(step('finalize').status).toBe(0);
      const open = step('open');
      expect(open.status).toBe(1);
      expect(open.stderr).toMatch(/2026 年度测评为已定稿,不能改为进行中/);
      const noReason = step('reopen');
      expect(noReason.status).toBe(1);
      expect(noReason.stderr).toMatch(/须说明理由 \/ .*needs a reason/);
      expect(step('reopen', '--reason', '补录纸质问卷').stdout).toContain('已定稿 → 已结束');
      expect(step('finalize').status).toBe(0);
      expect(step('publish').status).toBe(0);
      expect(manyi(['campaign', 'list', '--db', db]).stdout).toMatch(
        /^2026\t已发布 published\t2026年度测评\t2026-11-10T00:00:00\+08:00/m,
      );
      expect(manyi(['campaign', 'open', '--year', '2030', '--db', db]).stderr).toMatch(
        /没有 2030 年度的测评/,
      );

      const store = await openStore({ path: db });
      try {
        const log = await listAudit(store, { year: 2026 });
        expect(log.map((e) => e.action).reverse()).toEqual([
          'campaign.create',
          'instrument.create',
          'instrument.create',
          'instrument.create',
          'campaign.open',
          'campaign.close',
          'campaign.finalize',
          'campaign.reopen',
          'campaign.finalize',
          'campaign.publish',
        ]);
        expect(log.every((e) => e.actor.via === 'cli')).toBe(true);
        expect(log.find((e) => e.action === 'campaign.reopen')!.reason).toBe('补录纸质问卷');
      } finally {
        await store.close();
      }
    },
  );
});
