import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit.ts';
import { CampaignRefusedError } from '../src/CampaignRefusedError.ts';
import { setCampaignState } from '../src/campaigns.ts';
import { DecisionRefusedError } from '../src/DecisionRefusedError.ts';
import { decideResponse, type DecisionAction } from '../src/exclusions.ts';
import { openStore, type Store } from '../src/Store.ts';
import { importStore, tempDir } from './importFixture.ts';
import { newResponse } from './newResponse.ts';

const actor = { via: 'api' as const, userId: 'u-1', username: 'kpb', role: 'evaluator' as const };
let store: Store;
let ids: string[];

beforeEach(async () => {
  store = await importStore();
  ids = await store.responses.appendAll(
    ['a', 'b', 'c'].map((k) => ({ ...newResponse(`client-${k}`), subjectCode: '010101' })),
  );
});
afterEach(() => store.close());

const decide = (responseId: string, action: DecisionAction, reason = '核实') =>
  decideResponse(store, { year: 2026, responseId, action, reason }, actor);
const valid = async () =>
  (await store.query<{ id: string }>('SELECT id FROM valid_responses ORDER BY client_id')).map(
    (r) => r.id,
  );
const stored = async () =>
  (
    await store.query<{ n: bigint }>(
      'SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM answers) AS n',
    )
  )[0]!.n;
/** A flag in force for a response: a run of the checks with one flag (as the scoring package writes them). */
const flag = async (responseId: string) =>
  store.transaction(async (db) => {
    await db.run(
      `INSERT INTO quality_runs (year, settings, checked, created_at, via, actor_name)
       VALUES (2026, '{}', 3, now(), 'system', 'system')`,
    );
    await db.run(
      `INSERT INTO quality_flags
       SELECT max(run_id), 2026, ?, 'speeder', '{}' FROM quality_runs`,
      [responseId],
    );
  });

describe('decisions on responses', () => {
  it('derives the status: the newest decision wins, a flag without one stays out', async () => {
    const [a, b, c] = ids as [string, string, string];
    const before = await stored();
    await flag(a);
    expect(await valid()).toEqual([b, c]);
    expect(await decide(a, 'reinstate')).toMatchObject({ before: 'flagged', after: 'reinstated' });
    expect(await decide(b, 'exclude')).toMatchObject({ before: 'valid', after: 'excluded' });
    expect(await valid()).toEqual([a, c]);
    expect(await decide(b, 'reinstate')).toMatchObject({ before: 'excluded', after: 'reinstated' });
    expect(await decide(a, 'exclude')).toMatchObject({ before: 'reinstated', after: 'excluded' });
    expect(await valid()).toEqual([b, c]);
    await flag(c); // a new run: only c flagged now; a stays excluded by its decision
    expect(await valid()).toEqual([b]);
    expect(await stored()).toBe(before);
    expect(
      (await store.query<{ n: bigint }>('SELECT count(*) AS n FROM response_decisions'))[0]!.n,
    ).toBe(4n);
  });

  it('logs each decision with who, when and why, in the same transaction', async () => {
    const outcome = await decide(ids[0]!, 'exclude', '  同一住户重复填写  ');
    expect(outcome.decision).toMatchObject({
      action: 'exclude',
      reason: '同一住户重复填写',
      actor: { via: 'api', userId: 'u-1', username: 'kpb', role: 'evaluator' },
    });
    const [entry] = await listAudit(store, { action: 'response.' });
    expect(entry).toMatchObject({
      actor: { via: 'api', userId: 'u-1', username: 'kpb', role: 'evaluator' },
      action: 'response.exclude',
      target: `response:${ids[0]}`,
      year: 2026,
      reason: '同一住户重复填写',
      before: { status: 'valid' },
      after: { status: 'excluded', decisionId: outcome.decision.id },
      at: outcome.decision.at,
    });
  });

  it('needs a reason and a known response of the year, and logs nothing when refused', async () => {
    for (const reason of ['', '   ', 'x'.repeat(501)])
      await expect(decide(ids[0]!, 'exclude', reason)).rejects.toMatchObject({
        reason: 'reason-required',
      });
    await expect(decide('no-such-id', 'exclude')).rejects.toBeInstanceOf(DecisionRefusedError);
    await expect(
      decideResponse(
        store,
        { year: 2025, responseId: ids[0]!, action: 'exclude', reason: '核实' },
        actor,
      ),
    ).rejects.toMatchObject({ reason: 'missing' });
    await expect(decide(ids[0]!, 'delete' as DecisionAction)).rejects.toMatchObject({
      reason: 'invalid',
    });
    expect(await listAudit(store, { action: 'response.' })).toEqual([]);
  });

  it('refuses a decision for a finalized or published year', async () => {
    await decide(ids[0]!, 'exclude');
    for (const step of ['closed', 'finalized'] as const) await setCampaignState(store, 2026, step);
    const refused = await decide(ids[0]!, 'reinstate').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CampaignRefusedError);
    expect((refused as CampaignRefusedError).reason).toBe('frozen');
    await setCampaignState(store, 2026, 'published');
    await expect(decide(ids[1]!, 'exclude')).rejects.toBeInstanceOf(CampaignRefusedError);
    expect(await valid()).toEqual(ids.slice(1));
  });
});

describe('migration 9', () => {
  it('keeps the flags, their check and what they exclude when it drops their key', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.duckdb');
    let file = await importStore(path);
    const [a, b] = await file.responses.appendAll(
      ['a', 'b'].map((k) => ({ ...newResponse(`client-${k}`), subjectCode: '010101' })),
    );
    // as a file before migration 9 holds them: keyed by run, response and flag
    await file.transaction(async (db) => {
      await db.run(`DROP TABLE quality_flags;
        CREATE TABLE quality_flags (
          run_id INTEGER NOT NULL, year INTEGER NOT NULL, response_id VARCHAR NOT NULL,
          flag VARCHAR NOT NULL CHECK (flag IN ('speeder', 'straight_line', 'duplicate_device')),
          detail JSON, PRIMARY KEY (run_id, response_id, flag));
        DELETE FROM schema_migrations WHERE version = 9;
        INSERT INTO quality_runs (year, settings, checked, created_at, via, actor_name)
          VALUES (2026, '{}', 2, now(), 'system', 'system');`);
      await db.run(
        `INSERT INTO quality_flags SELECT max(run_id), 2026, ?, 'speeder', '{"seconds": 3}'
         FROM quality_runs`,
        [a!],
      );
    });
    const keys = (db: Store) =>
      db.query(
        `SELECT constraint_type AS type FROM duckdb_constraints()
         WHERE table_name = 'quality_flags' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')`,
      );
    expect(await keys(file)).toEqual([{ type: 'PRIMARY KEY' }]);
    const flags = await file.query('SELECT * FROM quality_flags');
    await file.close();
    file = await openStore({ path });
    try {
      expect(await keys(file)).toEqual([]);
      expect(await file.query('SELECT * FROM quality_flags')).toEqual(flags);
      expect(await file.query('SELECT id FROM valid_responses')).toEqual([{ id: b }]);
      await expect(
        file.transaction((db) =>
          db.run(`INSERT INTO quality_flags VALUES (1, 2026, ?, 'no such check', NULL)`, [b!]),
        ),
      ).rejects.toThrow(/CHECK/);
    } finally {
      await file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
