import { randomUUID } from 'node:crypto';
import type { Tx } from './Tx.ts';
import { bilingual } from '@manyi/domain/messages';
import { scopeProblem } from '@manyi/domain/scope';
import { normalizeUsername, type NewUser, type Role, type User } from '@manyi/domain/user';
import { audit, type Actor } from './audit.ts';
import { hashPassword } from './passwords.ts';
import type { Store } from './Store.ts';
import { unitTree } from './unitTree.ts';
import { UserRefusedError } from './UserRefusedError.ts';

/** An account with its password hash, for signing in only. */
export interface LoginRecord extends User {
  passwordHash: string;
}

/**
 * Creates an account (password hashed with scrypt) and logs it, in one transaction. The scope
 * must exist and fit the role (a community's staff, a community). Who may grant what is the
 * caller's check (`grantRefusal`): the CLI may grant anything.
 *
 * @example await createUser(store, { username: 'kpb', displayName: null, role: 'evaluator', scope: null, password }, machineActor());
 */
export async function createUser(store: Store, user: NewUser, actor: Actor): Promise<User> {
  const username = normalizeUsername(user.username);
  const problem = scopeProblem(user.role, user.scope, await unitTree(store));
  if (problem) throw new UserRefusedError('scope', problem);
  const passwordHash = await hashPassword(user.password); // outside the write lock: scrypt is slow on purpose
  const id = randomUUID();
  return store.transaction(async (db) => {
    if (await idOfUsername(db, username))
      throw new UserRefusedError(
        'exists',
        bilingual(`用户名 ${username} 已被使用`, `the username ${username} is taken`),
      );
    await db.run(
      `INSERT INTO users (id, username, display_name, role, scope, password_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, now())`,
      [id, username, user.displayName, user.role, user.scope, passwordHash],
    );
    const created = (await usersWhere(db, 'id = ?', [id]))[0]!;
    await audit(db, {
      actor,
      action: 'user.create',
      target: `user:${id}`,
      after: { username, displayName: user.displayName, role: user.role, scope: user.scope },
    });
    return created;
  });
}

/** Every account, by username. */
export async function listUsers(store: Store): Promise<User[]> {
  return (await store.query<UserRow>(`${selectUsers} ORDER BY username`)).map(toUser);
}

/** One account by id, or undefined. */
export async function getUser(store: Store, id: string): Promise<User | undefined> {
  const [row] = await store.query<UserRow>(`${selectUsers} WHERE id = ?`, [id]);
  return row && toUser(row);
}

/** An account and its password hash by username (compared as `normalizeUsername` does), or undefined. */
export async function loginRecord(
  store: Store,
  username: string,
): Promise<LoginRecord | undefined> {
  const [row] = await store.query<UserRow & { password_hash: string }>(
    `${selectUsers} WHERE username = ?`,
    [normalizeUsername(username)],
  );
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

/**
 * Disables an account: it can no longer sign in, and its sessions end. Kept, not deleted: the
 * audit log names it.
 */
export async function disableUser(store: Store, username: string, actor: Actor): Promise<User> {
  const name = normalizeUsername(username);
  return store.transaction(async (db) => {
    const id = await idOfUsername(db, name);
    if (!id)
      throw new UserRefusedError('missing', bilingual(`没有用户 ${name}`, `no user ${name}`));
    await db.run('UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE id = ?', [id]);
    await db.run('DELETE FROM sessions WHERE user_id = ?', [id]);
    await audit(db, {
      actor,
      action: 'user.disable',
      target: `user:${id}`,
      after: { username: name, disabled: true },
    });
    return (await usersWhere(db, 'id = ?', [id]))[0]!;
  });
}

const selectUsers = 'SELECT * FROM users';

interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  role: Role;
  scope: string | null;
  created_at: Date;
  disabled_at: Date | null;
}

/** A row of `users` as the domain type (never its hash). */
function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    scope: r.scope,
    createdAt: r.created_at.toISOString(),
    disabled: r.disabled_at !== null,
  };
}

/** The id of a (normalized) username, read on the transaction's connection. */
async function idOfUsername(db: Tx, username: string): Promise<string | undefined> {
  const reader = await db.runAndReadAll('SELECT id FROM users WHERE username = ?', [username]);
  return reader.getRows()[0]?.[0] as string | undefined;
}

/** Users read on the transaction's connection (sees its own uncommitted rows). */
async function usersWhere(db: Tx, where: string, params: string[]): Promise<User[]> {
  const reader = await db.runAndReadAll(`${selectUsers} WHERE ${where}`, params);
  return (reader.getRowObjectsJS() as unknown as UserRow[]).map(toUser);
}
