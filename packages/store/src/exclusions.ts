import type { Tx } from './Tx.ts';
import { bilingual } from '@manyi/domain/messages';
import { audit, type Actor } from './audit.ts';
import { DecisionRefusedError } from './DecisionRefusedError.ts';
import { assertYearsWritable } from './frozenYears.ts';
import type { Store } from './Store.ts';

/** What an evaluator may decide about a response. */
export const decisionActions = ['exclude', 'reinstate'] as const;
export type DecisionAction = (typeof decisionActions)[number];

/** Chinese names of the actions. */
export const decisionActionNames: Record<DecisionAction, string> = {
  exclude: '排除',
  reinstate: '恢复',
};

/**
 * A response's status, derived from its flags in force and its newest decision (the
 * `response_review` view): `valid` (neither), `flagged` (out of scoring until reviewed),
 * `excluded` or `reinstated` by an evaluator.
 */
export const responseStatuses = ['valid', 'flagged', 'excluded', 'reinstated'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** Whether a response of this status counts in scoring (is in `valid_responses`). */
export function isCounted(status: ResponseStatus): boolean {
  return status === 'valid' || status === 'reinstated';
}

/** The longest reason kept. */
export const maxReasonLength = 500;

/** A decision as stored. */
export interface ResponseDecision {
  id: number;
  responseId: string;
  year: number;
  action: DecisionAction;
  reason: string;
  at: string;
  actor: { via: Actor['via']; userId: string | null; username: string; role: string | null };
}

/** What `decideResponse` did: the decision, and the response's status before and after it. */
export interface DecisionOutcome {
  decision: ResponseDecision;
  before: ResponseStatus;
  after: ResponseStatus;
}

/**
 * Records an evaluator's decision on a resident response of a year (append-only: the newest
 * decision of a response wins) and logs it, in one transaction. Refused with
 * `CampaignRefusedError` for a frozen year, with `DecisionRefusedError` for a resident response
 * not in that year, an unknown action or a blank reason. Nothing is deleted or changed: the status is derived (`response_review`).
 *
 * @example await decideResponse(store, { year: 2026, responseId, action: 'exclude', reason: '同一人重复填写' }, actor)
 */
export async function decideResponse(
  store: Store,
  input: { year: number; responseId: string; action: DecisionAction; reason: string },
  actor: Actor,
): Promise<DecisionOutcome> {
  const { year, responseId, action } = input;
  const reason = checkedReason(input.reason);
  if (!decisionActions.includes(action))
    throw new DecisionRefusedError(
      'invalid',
      bilingual('操作应为 exclude(排除)或 reinstate(恢复)', 'action is exclude or reinstate'),
    );
  return store.transaction(async (db) => {
    await assertYearsWritable(db, [year]);
    const before = await statusOn(db, year, responseId);
    if (!before)
      throw new DecisionRefusedError(
        'missing',
        bilingual(
          `${year} 年度没有居民答卷 ${responseId}`,
          `no resident response ${responseId} in ${year}`,
        ),
      );
    const reader = await db.runAndReadAll(
      `INSERT INTO response_decisions
         (response_id, year, action, reason, decided_at, via, actor_id, actor_name, actor_role)
       VALUES (?, ?, ?, ?, now(), ?, ?, ?, ?)
       RETURNING id, decided_at`,
      [responseId, year, action, reason, actor.via, actor.userId, actor.username, actor.role],
    );
    const [id, at] = reader.getRowsJS()[0] as [bigint, Date];
    const after: ResponseStatus = action === 'exclude' ? 'excluded' : 'reinstated';
    await audit(db, {
      actor,
      action: `response.${action}`,
      target: `response:${responseId}`,
      year,
      reason,
      before: { status: before },
      after: { status: after, decisionId: Number(id) },
      at,
    });
    return {
      decision: {
        id: Number(id),
        responseId,
        year,
        action,
        reason,
        at: at.toISOString(),
        actor: {
          via: actor.via,
          userId: actor.userId,
          username: actor.username,
          role: actor.role,
        },
      },
      before,
      after,
    };
  }, 'responses');
}

/** A response's unit and instrument, or undefined when the year has no such response (for scope checks). */
export async function responseSubject(
  store: Store,
  year: number,
  responseId: string,
): Promise<{ subjectCode: string; instrument: string } | undefined> {
  const [row] = await store.query<{ subjectCode: string; instrument: string }>(
    'SELECT subject_code AS "subjectCode", instrument FROM responses WHERE id = ? AND year = ?',
    [responseId, year],
  );
  return row;
}

/** A reason trimmed, or the refusal of a blank or overlong one. */
function checkedReason(reason: unknown): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (!trimmed)
    throw new DecisionRefusedError(
      'reason-required',
      bilingual('排除或恢复答卷须说明理由', 'excluding or reinstating a response needs a reason'),
    );
  if (trimmed.length > maxReasonLength)
    throw new DecisionRefusedError(
      'reason-required',
      bilingual(
        `理由最多 ${maxReasonLength} 个字符`,
        `a reason has at most ${maxReasonLength} characters`,
      ),
    );
  return trimmed;
}

/** A resident response's status read on the transaction's connection, or undefined when the year has none such. */
async function statusOn(
  db: Tx,
  year: number,
  responseId: string,
): Promise<ResponseStatus | undefined> {
  // the review is a DuckDB view: an analytic read
  const [row] = await db.analysis.query<{ status: ResponseStatus }>(
    `SELECT coalesce(v.status, 'valid') AS status FROM responses r
     LEFT JOIN response_review v ON v.response_id = r.id
     WHERE r.id = ? AND r.year = ? AND r.instrument = 'resident'`,
    [responseId, year],
  );
  return row?.status;
}
