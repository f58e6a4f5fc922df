import type { AuditEntry } from '@manyi/store/audit';
import type { NewResponse } from '@manyi/store/ResponseWriter';
import type { Store } from '@manyi/store/Store';

/**
 * Stores one response and its audit entry in one transaction unless its client id is stored
 * already: the new id, or undefined for a response stored before (by an earlier request, or by
 * one racing this one). Frozen years and other refusals still throw.
 *
 * @example const id = await appendOnce(store, response, entry); if (!id) return conflict(c);
 */
export async function appendOnce(
  store: Store,
  response: NewResponse,
  audited: AuditEntry,
): Promise<string | undefined> {
  if (await isStored(store, response.clientId)) return undefined;
  try {
    const [id] = await store.responses.appendAll([response], audited);
    return id;
  } catch (error) {
    if (await isStored(store, response.clientId)) return undefined;
    throw error;
  }
}

/** Whether a response with this client id is stored. */
async function isStored(store: Store, clientId: string): Promise<boolean> {
  const rows = await store.query('SELECT 1 FROM responses WHERE client_id = ?', [clientId]);
  return rows.length > 0;
}
