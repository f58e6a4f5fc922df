import { randomUUID } from 'node:crypto';
import { listValue, timestampTZValue, type DuckDBConnection } from '@duckdb/node-api';
import type { LongAnswer } from '@manyi/domain/answers';
import type { ResponseSource } from '@manyi/domain/response';
import type { Store } from './Store.ts';

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
  readonly stats: WriterStats = { commits: 0, submissions: 0, largestBatch: 0, commitMs: 0 };
  #queue: Waiting[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly db: DuckDBConnection,
    options: ResponseWriterOptions = {},
  ) {
    this.commitDelayMs = options.commitDelayMs ?? 5;
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** Stores one response; resolves after its commit. */
  submit(response: NewResponse): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ response, resolve, reject });
      if (this.#queue.length >= this.maxBatch) this.schedule(0);
      else if (!this.#timer) this.schedule(this.commitDelayMs);
    });
  }

  /**
   * Stores many responses in one transaction: all or none (imports, the demo seed).
   * Throws if any client id is already stored.
   */
  async appendAll(responses: readonly NewResponse[]): Promise<string[]> {
    return this.store.transaction(async () => {
      const existing = await this.existing(responses.map((r) => r.clientId));
      const clash = responses.find((r) => existing.has(r.clientId));
      if (clash) throw new Error(`答卷编号 ${clash.clientId} 已存在 / response ${clash.clientId} is already stored`);
      const seen = new Set<string>();
      const twice = responses.find((r) => seen.size === seen.add(r.clientId).size);
      if (twice) throw new Error(`答卷编号 ${twice.clientId} 重复 / response ${twice.clientId} appears twice`);
      const ids = responses.map(() => randomUUID());
      await this.append(responses, ids);
      return ids;
    }, 'responses');
  }

  /** Resolves when every submission queued so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.#queue.length || this.#timer) {
      if (this.#timer) {
        clearTimeout(this.#timer);
        this.#timer = null;
        this.flush();
      }
      await this.#flushing;
    }
    await this.#flushing;
  }

  /** Starts a flush after `ms`, unless one is already due. */
  private schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush();
    }, ms);
  }

  /** Commits the queued batch after any flush under way. */
  private flush(): void {
    const batch = this.#queue.splice(0, this.#queue.length);
    if (!batch.length) return;
    this.#flushing = this.#flushing.then(() => this.commitBatch(batch));
  }

  /** One transaction for the batch; if it fails, each submission is tried alone so one bad row cannot sink others. */
  private async commitBatch(batch: Waiting[]): Promise<void> {
    const started = performance.now();
    try {
      const results = await this.store.transaction(() => this.writeBatch(batch.map((w) => w.response)), 'responses');
      this.count(batch.length, started);
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) {
        try {
          const [result] = await this.store.transaction(() => this.writeBatch([w.response]), 'responses');
          w.resolve(result!);
        } catch (single) {
          w.reject(single);
        }
      }
    }
  }

  /** Adds one successful commit of `size` submissions to the stats. */
  private count(size: number, started: number): void {
    this.stats.commits++;
    this.stats.submissions += size;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, size);
    this.stats.commitMs += performance.now() - started;
  }

  /** Writes the new responses of a batch; retries get the id stored first. */
  private async writeBatch(responses: NewResponse[]): Promise<Stored[]> {
    const existing = await this.existing(responses.map((r) => r.clientId));
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
    if (fresh.length) await this.append(fresh, freshIds);
    return results;
  }

  /** Ids already stored for these client ids. */
  private async existing(clientIds: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (!clientIds.length) return found;
    const reader = await this.db.runAndReadAll(
      'SELECT client_id, id FROM responses WHERE client_id IN (SELECT unnest(?::VARCHAR[]))',
      [listValue(clientIds)],
    );
    for (const [clientId, id] of reader.getRows()) found.set(String(clientId), String(id));
    return found;
  }

  /** Appends responses and their long answers through the Appender (inside the caller's transaction). */
  private async append(responses: readonly NewResponse[], ids: readonly string[]): Promise<void> {
    const main = await this.db.createAppender('responses');
    const long = await this.db.createAppender('answers');
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
        main.appendVarchar(JSON.stringify(r.answers));
        main.endRow();
        for (const a of r.long) {
          long.appendVarchar(id);
          long.appendInteger(r.year);
          long.appendVarchar(r.instrument);
          long.appendVarchar(a.question);
          if (a.value === null) long.appendNull();
          else long.appendDouble(a.value);
          appendNullable(long, a.text);
          long.endRow();
        }
      });
      main.flushSync();
      long.flushSync();
    } finally {
      main.closeSync();
      long.closeSync();
    }
  }
}

/** A VARCHAR or NULL. */
function appendNullable(appender: { appendVarchar(v: string): void; appendNull(): void }, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

/** Microseconds since the epoch, as DuckDB timestamps take them. */
function micros(date: Date): bigint {
  return BigInt(date.getTime()) * 1000n;
}
