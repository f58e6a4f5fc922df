import { userInfo } from 'node:os';
import type { Tx } from './Tx.ts';
import type { Role } from '@manyi/domain/user';
import type { Store } from './Store.ts';

/** Who made a write: a signed-in user (API), the machine's owner (CLI), or the system (seeds). */
export interface Actor {
  via: 'api' | 'cli' | 'system';
  /** The account's id; null for the CLI and the system. */
  userId: string | null;
  /** The account's username, the operating-system account for the CLI, or `system`. */
  username: string;
  role: Role | null;
}

/** One write as the audit log records it. */
export interface AuditEntry {
  actor: Actor;
  /** What was done, as `<thing>.<verb>`: `campaign.reopen`, `user.create`, `auth.login`. */
  action: string;
  /** What it was done to, as `<thing>:<id>`: `campaign:2026`, `user:<id>`. */
  target: string;
  year?: number | null;
  reason?: string | null;
  /** The record before and after, where it matters; secrets are dropped (see `withoutSecrets`). */
  before?: unknown;
  after?: unknown;
  /** Default: now. */
  at?: Date;
}

/** An entry as read back. */
export interface AuditRecord extends Required<Omit<AuditEntry, 'at'>> {
  id: number;
  at: string;
}

/** Writes by seeds and test fixtures. */
export const systemActor: Actor = { via: 'system', userId: null, username: 'system', role: null };

/**
 * The person at this machine: the CLI writes as the operating-system account that runs it (the
 * machine's owner may do anything an evaluator may, and more).
 */
export function machineActor(): Actor {
  let username = 'cli';
  try {
    username = userInfo().username || username;
  } catch {
    // no passwd entry (some containers): keep 'cli'
  }
  return { via: 'cli', userId: null, username, role: null };
}

/**
 * Records a write in the audit log. Call it on the transaction's connection, inside the same
 * transaction as the write, so that the two commit or roll back together.
 *
 * @example
 * await store.transaction(async (db) => {
 *   await db.run('UPDATE campaigns SET state = ? WHERE year = ?', ['closed', 2026]);
 *   await audit(db, { actor, action: 'campaign.close', target: 'campaign:2026', year: 2026 });
 * });
 */
export async function audit(db: Tx, entry: AuditEntry): Promise<void> {
  const { actor } = entry;
  await db.run(
    `INSERT INTO audit_log (logged_at, via, actor_id, actor_name, actor_role, action, target, year, reason, before, after)
     VALUES (?::TIMESTAMPTZ, ?, ?, ?, ?, ?, ?, ?, ?, ?::JSON, ?::JSON)`,
    [
      (entry.at ?? new Date()).toISOString(),
      actor.via,
      actor.userId,
      actor.username,
      actor.role,
      entry.action,
      entry.target,
      entry.year ?? null,
      entry.reason ?? null,
      json(entry.before),
      json(entry.after),
    ],
  );
}

export interface AuditQuery {
  /** Newest first, at most this many (default 100, at most 1000). */
  limit?: number;
  /** Only entries with an id below this (paging). */
  beforeId?: number;
  year?: number;
  /** Only this action, or (ending in `.`) every action of a thing: `campaign.`. */
  action?: string;
}

/** Entries of the audit log, newest first. */
export async function listAudit(store: Store, query: AuditQuery = {}): Promise<AuditRecord[]> {
  const action = query.action ?? null;
  const rows = await store.query<AuditRow>(
    `SELECT id, logged_at, via, actor_id, actor_name, actor_role,
            action, target, year, reason, before, after
     FROM audit_log
     WHERE (?::BIGINT IS NULL OR id < ?::BIGINT)
       AND (?::INTEGER IS NULL OR year = ?::INTEGER)
       AND (?::VARCHAR IS NULL OR action = ?::VARCHAR OR (suffix(?::VARCHAR, '.') AND starts_with(action, ?::VARCHAR)))
     ORDER BY id DESC
     LIMIT ?`,
    [
      query.beforeId ?? null,
      query.beforeId ?? null,
      query.year ?? null,
      query.year ?? null,
      action,
      action,
      action,
      action,
      Math.min(Math.max(query.limit ?? 100, 1), 1000),
    ],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.logged_at.toISOString(),
    actor: { via: r.via, userId: r.actor_id, username: r.actor_name, role: r.actor_role },
    action: r.action,
    target: r.target,
    year: r.year,
    reason: r.reason,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}

/** Keys whose values never reach the log, at any depth. */
const secretKey = /pass|token|secret|hash|cookie/i;

/**
 * A copy of a record without passwords, tokens or hashes: the log is read by people who must
 * never see them, so they are dropped here whatever a caller passes.
 */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !secretKey.test(key))
      .map(([key, v]) => [key, withoutSecrets(v)]),
  );
}

interface AuditRow {
  id: bigint;
  logged_at: Date;
  via: Actor['via'];
  actor_id: string | null;
  actor_name: string;
  actor_role: Role | null;
  action: string;
  target: string;
  year: number | null;
  reason: string | null;
  before: string | null;
  after: string | null;
}

/** A before/after record as JSON text, secrets dropped; null when there is none. */
function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(withoutSecrets(value));
}
