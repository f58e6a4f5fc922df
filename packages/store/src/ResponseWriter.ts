import { randomUUID } from 'node:crypto';
import { listValue, timestampTZValue } from '@duckdb/node-api';
import type { LongAnswer } from '@manyi/domain/answers';
import type { ResponseSource } from '@manyi/domain/response';
import { scrubAnswers, scrubPersonalData } from '@manyi/domain/scrubPersonalData';
import { audit, type AuditEntry } from './audit.ts';
import { assertYearsWritable } from './frozenYears.ts';
import { redeemInvitations } from './invitations.ts';
import type { Store } from './Store.ts';
import type { Tx } from './Tx.ts';
import { WritableYears } from './WritableYears.ts';
import { ItemOrders, orderKey } from './ItemOrders.ts';
import { itemRow } from './itemRow.ts';

export interface ResponseWriterOptions {
  /** How long a submission waits for others to share its commit (ms). Default 5. */
  commitDelayMs?: number;
  /** Commit at once when this many submissions wait. Default 500. */
  maxBatch?: number;
}

/** A response ready to store: checked, with its long answers extracted. */
export interface NewResponse {
  clientId: string;
  year: number;
  instrument: string;
  subjectCode: string;
  raterCode: string | null;
  gridCode: string | null;
  source: ResponseSource;
  startedAt: Date | null;
  submittedAt: Date;
  answers: Record<string, unknown>;
  long: LongAnswer[];
  /** The hash of the one-time invitation it came with: marked used in the same transaction. */
  invitationHash?: string | null;
  /** The submitting device as `deviceHash` keeps it (salted per campaign), for web submissions. */
  deviceHash?: string | null;
}

/** What storing a response gave: its id, and whether it was there already (a retry). */
export interface Stored {
  id: string;
  duplicate: boolean;
}

/** What the writer has done since it started: for benchmarks and monitoring, cheap to keep. */
export interface WriterStats {
  /** Group commits that succeeded. */
  commits: number;
  /** Submissions those commits settled (retries included). */
  submissions: number;
  /** The largest batch one commit took. */
  largestBatch: number;
  /** Time spent writing and committing batches (ms). */
  commitMs: number;
  /** Batches written again, looking up stored ids, after their first commit failed (a retry of a stored response, or a bad row). */
  rewrites: number;
}

interface Waiting {
  response: NewResponse;
  resolve: (stored: Stored) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for submissions. Each `submit` waits a few milliseconds so that the submissions
 * arriving together share one transaction, written through DuckDB's Appender; every promise
 * resolves only after that transaction has committed, so an acknowledged answer is on disk.
 * A retry of a client submission id (in the same batch or long after) returns the first id and
 * writes nothing.
 */
export class ResponseWriter {
  readonly commitDelayMs: number;
  readonly maxBatch: number;
  readonly stats: WriterStats = {
    commits: 0,
    submissions: 0,
    largestBatch: 0,
    commitMs: 0,
    rewrites: 0,
  };
  #queue: Waiting[] = [];
  #timer: NodeJS.Timeout | null = null;
  /** The commit loop under way, if any: it takes whatever queues up meanwhile. */
  #writing: Promise<void> | null = null;
  readonly #writable: WritableYears;
  readonly #itemOrders: ItemOrders;

  constructor(
    private readonly store: Store,
    options: ResponseWriterOptions = {},
  ) {
    this.commitDelayMs = options.commitDelayMs ?? 5;
    this.maxBatch = options.maxBatch ?? 500;
    this.#writable = new WritableYears(store);
    this.#itemOrders = new ItemOrders(store);
  }

  /** Stores one response; resolves after its commit. */
  submit(response: NewResponse): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ response, resolve, reject });
      if (this.#writing) return; // the commit under way takes it next
      if (this.#queue.length >= this.maxBatch) this.flush();
      else this.#timer ??= setTimeout(() => this.flush(), this.commitDelayMs);
    });
  }

  /**
   * Stores many responses in one transaction: all or none (imports, the demo seed, paper
   * entry). Throws if any client id is already stored, or a year is frozen. `audited` is
   * written to the audit log in the same transaction.
   */
  async appendAll(responses: readonly NewResponse[], audited?: AuditEntry): Promise<string[]> {
    return this.store.transaction(async (db) => {
      await assertYearsWritable(db, new Set(responses.map((r) => r.year)));
      const existing = await this.existing(
        db,
        responses.map((r) => r.clientId),
      );
      const clash = responses.find((r) => existing.has(r.clientId));
      if (clash)
        throw new Error(
          `答卷编号 ${clash.clientId} 已存在 / response ${clash.clientId} is already stored`,
        );
      const seen = new Set<string>();
      const twice = responses.find((r) => seen.size === seen.add(r.clientId).size);
      if (twice)
        throw new Error(
          `答卷编号 ${twice.clientId} 重复 / response ${twice.clientId} appears twice`,
        );
      const ids = responses.map(() => randomUUID());
      await this.append(db, responses, ids);
      if (audited) await audit(db, audited);
      return ids;
    }, 'responses');
  }

  /** Resolves when every submission queued so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.#queue.length || this.#writing) {
      this.flush();
      await this.#writing;
    }
  }

  /** Starts committing what waits, unless a commit loop is under way (it will take it). */
  private flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#writing || !this.#queue.length) return;
    this.#writing = this.writeQueued();
  }

  /**
   * Commits batches back to back until nothing waits. What arrives during a commit is the next
   * batch, taken as soon as the writer is free: under load batches grow with the commit time
   * instead of queueing up as many small ones.
   */
  private async writeQueued(): Promise<void> {
    try {
      while (this.#queue.length) await this.commitBatch(this.#queue.splice(0, this.maxBatch));
    } finally {
      this.#writing = null;
    }
  }

  /**
   * One transaction for the batch. It first goes without looking up stored client ids: the unique
   * client id fails the commit if one is a retry of a stored response, which is rare. Then again,
   * looking them up (a retry gets its first id); if that fails too, each submission alone, so one
   * bad row cannot sink the others.
   */
  private async commitBatch(batch: Waiting[]): Promise<void> {
    const responses = batch.map((w) => w.response);
    const started = performance.now();
    try {
      let results: Stored[];
      try {
        results = await this.write(responses, false);
      } catch {
        this.stats.rewrites++;
        results = await this.write(responses, true);
      }
      this.count(batch.length, started);
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) {
        try {
          const [result] = await this.write([w.response], true);
          w.resolve(result!);
        } catch (single) {
          w.reject(single);
        }
      }
    }
  }

  /** One transaction writing these responses. */
  private write(responses: NewResponse[], lookUpStored: boolean): Promise<Stored[]> {
    return this.store.transaction(
      (db) => this.writeBatch(db, responses, lookUpStored),
      'responses',
    );
  }

  /** Adds one successful commit of `size` submissions to the stats. */
  private count(size: number, started: number): void {
    this.stats.commits++;
    this.stats.submissions += size;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, size);
    this.stats.commitMs += performance.now() - started;
  }

  /** Writes the new responses of a batch; a retry gets the id stored first (looked up if asked). */
  private async writeBatch(
    db: Tx,
    responses: NewResponse[],
    lookUpStored: boolean,
  ): Promise<Stored[]> {
    const existing = lookUpStored
      ? await this.existing(
          db,
          responses.map((r) => r.clientId),
        )
      : new Map<string, string>();
    const fresh: NewResponse[] = [];
    const freshIds: string[] = [];
    const results = responses.map((r): Stored => {
      const seen = existing.get(r.clientId);
      if (seen) return { id: seen, duplicate: true };
      const id = randomUUID();
      existing.set(r.clientId, id);
      fresh.push(r);
      freshIds.push(id);
      return { id, duplicate: false };
    });
    if (fresh.length) {
      // a finalized year takes no write, whatever was checked before the batch queued
      await this.#writable.assert(db, new Set(fresh.map((r) => r.year)));
      await redeemInvitations(
        db,
        fresh.flatMap((r, i) =>
          r.invitationHash
            ? [
                {
                  tokenHash: r.invitationHash,
                  year: r.year,
                  communityCode: r.subjectCode,
                  responseId: freshIds[i]!,
                },
              ]
            : [],
        ),
      );
      await this.append(db, fresh, freshIds);
    }
    return results;
  }

  /** Ids already stored for these client ids. */
  private async existing(db: Tx, clientIds: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (!clientIds.length) return found;
    const reader = await db.runAndReadAll(
      'SELECT client_id, id FROM responses WHERE client_id IN (SELECT unnest(?::VARCHAR[]))',
      [listValue(clientIds)],
    );
    for (const [clientId, id] of reader.getRows()) found.set(String(clientId), String(id));
    return found;
  }

  /**
   * Appends responses, their long answers and device hashes through DuckDB's Appender (inside the
   * caller's transaction): no statement to plan per batch, which costs more than the rows do.
   */
  private async append(
    db: Tx,
    responses: readonly NewResponse[],
    ids: readonly string[],
  ): Promise<void> {
    // before any appender opens: a failed read must leave none open
    const orders = await this.#itemOrders.of(db, responses);
    const main = await db.createAppender('responses');
    const long = await db.createAppender('answers');
    const devices = await db.createAppender('response_devices');
    const items = await db.createAppender('response_items');
    const appenders = [main, long, devices, items];
    try {
      responses.forEach((r, i) => {
        const id = ids[i]!;
        main.appendVarchar(id);
        main.appendVarchar(r.clientId);
        main.appendInteger(r.year);
        main.appendVarchar(r.instrument);
        main.appendVarchar(r.subjectCode);
        appendNullable(main, r.raterCode);
        appendNullable(main, r.gridCode);
        main.appendVarchar(r.source);
        if (r.startedAt) main.appendTimestampTZ(timestampTZValue(micros(r.startedAt)));
        else main.appendNull();
        main.appendTimestampTZ(timestampTZValue(micros(r.submittedAt)));
        // every way in (web, paper imports, entry, the demo) passes here: no phone or ID number is kept
        main.appendVarchar(JSON.stringify(scrubAnswers(r.answers)));
        main.endRow();
        for (const a of r.long) {
          long.appendVarchar(id);
          long.appendInteger(r.year);
          long.appendVarchar(r.instrument);
          long.appendVarchar(a.question);
          if (a.value === null) long.appendNull();
          else long.appendDouble(a.value);
          appendNullable(long, a.text === null ? null : scrubPersonalData(a.text));
          long.endRow();
        }
        const row = itemRow(r.long, orders.get(orderKey(r.year, r.instrument))!);
        items.appendVarchar(id);
        items.appendInteger(r.year);
        items.appendVarchar(r.instrument);
        items.appendVarchar(r.subjectCode);
        appendNullable(items, r.gridCode);
        items.appendInteger(row.answered);
        for (const value of row.values)
          if (value === null) items.appendNull();
          else items.appendDouble(value);
        items.endRow();
        // the quality check's repeated devices; most paper and imported responses have none
        if (r.deviceHash) {
          devices.appendVarchar(id);
          devices.appendVarchar(r.deviceHash);
          devices.endRow();
        }
      });
      for (const appender of appenders) appender.flushSync();
    } catch (error) {
      // Closing flushes what is buffered: drop it, so that closing cannot fail in turn, hide this
      // error and leave another appender open with rows of a batch that did not commit.
      for (const appender of appenders) appender.clear();
      throw error;
    } finally {
      for (const appender of appenders) appender.closeSync();
    }
  }
}

/** A VARCHAR or NULL. */
function appendNullable(
  appender: { appendVarchar(v: string): void; appendNull(): void },
  value: string | null,
): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

/** Microseconds since the epoch, as DuckDB timestamps take them. */
function micros(date: Date): bigint {
  return BigInt(date.getTime()) * 1000n;
}
