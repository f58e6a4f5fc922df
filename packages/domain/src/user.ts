import { z } from 'zod';
import { bilingual } from './messages.ts';

/** The four kinds of account (PRODUCT.md "Who uses it"); residents have none. */
export const roles = ['evaluator', 'leadership', 'street_staff', 'community_staff'] as const;
export type Role = (typeof roles)[number];

/** Chinese names of the roles, for messages and pages. */
export const roleNames: Record<Role, string> = {
  evaluator: '考评办',
  leadership: '领导',
  street_staff: '街道工作人员',
  community_staff: '社区工作人员',
};

/** An account as pages and the audit log see it: never its password hash. */
export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  /** The region unit the account is limited to; null: the whole city. */
  scope: string | null;
  createdAt: string;
  disabled: boolean;
}

/** The signed-in user a request acts as. */
export type SessionUser = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'scope'>;

/**
 * Usernames compare case- and width-insensitively: `Zhang.San` and `ｚｈａｎｇ.san` are one name.
 *
 * @example normalizeUsername(' Zhang.San ') // → 'zhang.san'
 */
export function normalizeUsername(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** A new username: 2–32 letters (Chinese included), digits, `.`, `_` or `-`. */
export const usernameSchema = z
  .string()
  .max(100)
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .regex(
        /^[\p{L}\p{N}._-]{2,32}$/u,
        bilingual(
          '用户名应为 2–32 个字母、汉字、数字或 . _ -',
          'a username is 2–32 letters, digits, . _ or -',
        ),
      ),
  );

/** A new password: 8–256 characters (longer ones cost scrypt nothing, but bound the body). */
export const passwordSchema = z
  .string()
  .min(8, bilingual('密码至少 8 个字符', 'a password has at least 8 characters'))
  .max(256, bilingual('密码最多 256 个字符', 'a password has at most 256 characters'));

/** A region scope as typed: a unit code, or `*` / null for the whole city. */
export const scopeSchema = z
  .union([z.literal('*'), z.string().regex(/^[A-Za-z0-9_-]{1,32}$/)])
  .nullable()
  .transform((scope) => (scope === '*' ? null : scope));

/** The body of `POST /api/v1/users`, and what `manyi user add` checks. */
export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(50).nullable().default(null),
  role: z.enum(roles),
  scope: scopeSchema.default(null),
  password: passwordSchema,
});
export type NewUser = z.infer<typeof newUserSchema>;

/** The body of `POST /api/v1/auth/login`: loose on purpose, so that every failure reads the same. */
export const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});
