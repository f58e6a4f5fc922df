import { Command, Option } from 'commander';
import { bilingual } from '@manyi/domain/messages';
import { newUserSchema, roleNames, roles, type Role } from '@manyi/domain/user';
import { machineActor } from '@manyi/store/audit';
import { createUser, disableUser, listUsers } from '@manyi/store/users';
import { dbOption } from './import.ts';
import { readNewPassword } from './readPassword.ts';
import { withStore } from './withStore.ts';

/**
 * `manyi user add --username U --role R [--scope CODE] [--name N]` (the password from a prompt or
 * stdin, never argv), `manyi user list`, `manyi user disable --username U`. The CLI is the
 * machine's owner: it may grant any role and region, and its writes are logged as the
 * operating-system account that ran it.
 */
export function userCommand(): Command {
  const command = new Command('user').description('管理账号 / manage accounts');
  command
    .command('add')
    .description(
      '新建账号(密码从提示或标准输入读取)/ add an account (password from a prompt or stdin)',
    )
    .requiredOption('--username <name>', '用户名 / username')
    .addOption(new Option('--role <role>', '角色 / role').choices(roles).makeOptionMandatory())
    .option('--scope <code>', '区划编码,* 为全市(默认)/ region unit code, * for the city (default)')
    .option('--name <display name>', '显示名称 / display name')
    .addOption(dbOption())
    .action(
      (options: { username: string; role: Role; scope?: string; name?: string; db?: string }) =>
        withStore(options.db, async (open) => {
          const password = await readNewPassword();
          const parsed = newUserSchema.safeParse({
            username: options.username,
            displayName: options.name ?? null,
            role: options.role,
            scope: options.scope ?? null,
            password,
          });
          if (!parsed.success)
            throw new Error(
              parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
            );
          const user = await createUser(await open(), parsed.data, machineActor());
          console.log(
            bilingual(
              `已创建账号 ${user.username}(${roleNames[user.role]},${scopeText(user.scope)})`,
              `created ${user.username} (${user.role}, ${user.scope ?? 'city-wide'})`,
            ),
          );
        }),
    );
  command
    .command('list')
    .description('列出账号 / list the accounts')
    .addOption(dbOption())
    .action((options: { db?: string }) =>
      withStore(options.db, async (open) => {
        const users = await listUsers(await open());
        if (!users.length) console.log(bilingual('还没有账号', 'no accounts yet'));
        for (const u of users)
          console.log(
            [
              u.username,
              `${roleNames[u.role]} ${u.role}`,
              scopeText(u.scope),
              u.displayName ?? '-',
              u.createdAt,
              u.disabled ? bilingual('已停用', 'disabled') : bilingual('有效', 'active'),
            ].join('\t'),
          );
      }),
    );
  command
    .command('disable')
    .description('停用账号并结束其会话 / disable an account and end its sessions')
    .requiredOption('--username <name>', '用户名 / username')
    .addOption(dbOption())
    .action((options: { username: string; db?: string }) =>
      withStore(options.db, async (open) => {
        const user = await disableUser(await open(), options.username, machineActor());
        console.log(bilingual(`已停用账号 ${user.username}`, `disabled ${user.username}`));
      }),
    );
  return command;
}

/** A scope as people read it. */
function scopeText(scope: string | null): string {
  return scope ?? '全市 city';
}
