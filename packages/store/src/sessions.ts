import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '@manyi/domain/user';
import { audit, type Actor } from './audit.ts';
import type { Store } from './Store.ts';

/** How long a session lasts: it ends after `idleMs` without a request, and `absoluteMs` after sign-in in any case. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  /** A request refreshes the idle clock at most this often (each refresh is a write). */
  touchEveryMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 12 * 3600_000,
  absoluteMs: 7 * 24 * 3600_000,
  touchEveryMs: 5 * 60_000,
};

/** A session just opened: the token goes to the cookie and is stored nowhere. */
export interface OpenedSession {
  token: string;
  /** When it ends at the latest (absolute expiry). */
  expiresAt: Date;
}

/** A request's session: who it is and until when it lasts. */
export interface ActiveSession {
  user: SessionUser;
  tokenHash: string;
  expiresAt: Date;
}

/**
 * Opens a session for a user: a random 256-bit token, of which only a SHA-256 is stored. Logs the
 * sign-in and drops every expired session, in one transaction.
 */
export async function openSession(
  store: Store,
  user: SessionUser,
  now: Date = new Date(),
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<OpenedSession> {
  const token = randomBytes(32).toString('base64url');
  await store.transaction(async (db) => {
    await db.run(
      `DELETE FROM sessions WHERE created_at <= ?::TIMESTAMPTZ OR last_seen_at <= ?::TIMESTAMPTZ`,
      [
        new Date(now.getTime() - policy.absoluteMs).toISOString(),
        new Date(now.getTime() - policy.idleMs).toISOString(),
      ],
    );
    await db.run(
      'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ)',
      [tokenHash(token), user.id, now.toISOString(), now.toISOString()],
    );
    await audit(db, {
      actor: actorOf(user),
      action: 'auth.login',
      target: `user:${user.id}`,
      at: now,
    });
  });
  return { token, expiresAt: new Date(now.getTime() + policy.absoluteMs) };
}

/**
 * The live session of a token, or undefined when there is none, it has expired, or its account is
 * disabled. Refreshes the idle clock now and then (`touchEveryMs`).
 */
export async function activeSession(
  store: Store,
  token: string,
  now: Date = new Date(),
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<ActiveSession | undefined> {
  const hash = tokenHash(token);
  const [row] = await store.query<SessionRow>(
    `SELECT u.id, u.username, u.display_name, u.role, u.scope, s.created_at, s.last_seen_at
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND u.disabled_at IS NULL`,
    [hash],
  );
  if (!row) return undefined;
  const t = now.getTime();
  if (
    t - row.created_at.getTime() >= policy.absoluteMs ||
    t - row.last_seen_at.getTime() >= policy.idleMs
  )
    return undefined;
  if (t - row.last_seen_at.getTime() >= policy.touchEveryMs)
    await store.transaction(async (db) => {
      await db.run('UPDATE sessions SET last_seen_at = ?::TIMESTAMPTZ WHERE token_hash = ?', [
        now.toISOString(),
        hash,
      ]);
    });
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      scope: row.scope,
    },
    tokenHash: hash,
    expiresAt: new Date(row.created_at.getTime() + policy.absoluteMs),
  };
}

/** Ends a session (sign-out) and logs it; an unknown token ends nothing. */
export async function closeSession(
  store: Store,
  session: ActiveSession,
  now: Date = new Date(),
): Promise<void> {
  await store.transaction(async (db) => {
    await db.run('DELETE FROM sessions WHERE token_hash = ?', [session.tokenHash]);
    await audit(db, {
      actor: actorOf(session.user),
      action: 'auth.logout',
      target: `user:${session.user.id}`,
      at: now,
    });
  });
}

/** The actor a signed-in user's API writes are logged as. */
export function actorOf(user: SessionUser): Actor {
  return { via: 'api', userId: user.id, username: user.username, role: user.role };
}

/** What is stored of a token: its SHA-256 (a 256-bit random token needs no slow hash). */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

interface SessionRow {
  id: string;
  username: string;
  display_name: string | null;
  role: SessionUser['role'];
  scope: string | null;
  created_at: Date;
  last_seen_at: Date;
}
