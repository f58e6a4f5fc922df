import { execFileSync } from 'node:child_process';
import type { Store } from '@manyi/store/Store';
import type { Acknowledged } from './benchServer.ts';
import type { Phase } from './phase.ts';

/** What was stored under the bench's submission ids, and answers whose response is not stored. */
interface Stored {
  stored: number;
  unanswered: number;
  orphans: number;
}

/**
 * Checks that every 201 the server sent for a new response has its row, with answers, and that
 * nothing else was stored (no retry doubled): first in the running store, then — after closing
 * it — read back from the file by a fresh process. Prints the finding; true when all holds.
 */
export async function verifyAcknowledged(
  store: Store,
  phases: readonly Phase[],
  acknowledged: Acknowledged,
  prefix: string,
): Promise<boolean> {
  const seen = phases.reduce(
    (n, p) => n + (p.request.target === 'post' ? (p.figures.statusCodes['201'] ?? 0) : 0),
    0,
  );
  const failed = phases.reduce((n, p) => n + p.figures.non2xx + p.figures.errors, 0);
  const [live] = await store.query<Stored>(storedQuery, [prefix]);
  await store.close();
  const reopened = JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./countStored.ts', import.meta.url).pathname,
        store.path,
        prefix,
      ],
      { encoding: 'utf8' },
    ),
  ) as Stored;
  const holds = (s: Stored) =>
    s.stored === acknowledged.created && s.unanswered === 0 && s.orphans === 0;
  const ok =
    holds(live!) &&
    holds(reopened) &&
    seen <= acknowledged.created + acknowledged.replayed &&
    acknowledged.replayed > 0 && // the retries phase was answered as replays
    failed === 0;
  console.log(
    `\nacknowledged: the server sent ${acknowledged.created} 201s for new responses and ` +
      `${acknowledged.replayed} for replays of stored ones (the load generator saw ${seen} 201s, ` +
      `the rest were in flight when a phase stopped; ${failed} failed requests)\n` +
      `stored: ${describe(live!)}; read back by a fresh process after close: ${describe(reopened)}\n` +
      (ok ? '→ no acknowledged answer lost, none doubled' : '→ MISMATCH'),
  );
  return ok;
}

/** Counts what the bench stored under `prefix` (the one parameter). */
export const storedQuery = `
  WITH bench AS (SELECT id FROM responses WHERE starts_with(client_id, ?))
  SELECT (SELECT count(*) FROM bench)::INTEGER AS stored,
         (SELECT count(*) FROM bench WHERE id NOT IN (SELECT response_id FROM answers))::INTEGER AS unanswered,
         (SELECT count(*) FROM answers WHERE response_id NOT IN (SELECT id FROM responses))::INTEGER AS orphans`;

/** One line about what was stored. */
function describe(s: Stored): string {
  return `${s.stored} rows, ${s.unanswered} without answers, ${s.orphans} answers without their response`;
}
