import { describe, expect, it } from 'vitest';
import { newUserSchema, normalizeUsername } from '../src/user.ts';

describe('accounts', () => {
  it('compares usernames without case or width', () => {
    expect(normalizeUsername(' Zhang.San ')).toBe('zhang.san');
    expect(normalizeUsername('ＺＨＡＮＧ')).toBe('zhang');
  });

  it('checks a new account: name, role, scope (* for the city) and password length', () => {
    expect(
      newUserSchema.parse({
        username: '张三',
        role: 'leadership',
        scope: '*',
        password: '12345678',
      }),
    ).toEqual({
      username: '张三',
      displayName: null,
      role: 'leadership',
      scope: null,
      password: '12345678',
    });
    const bad = newUserSchema.safeParse({
      username: 'a b',
      role: 'admin',
      scope: 'D 1',
      password: 'short',
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual([
      'password',
      'role',
      'scope',
      'username',
    ]);
  });
});
