import type { MiddlewareHandler } from 'hono';
import {
  MemoryStore,
  rateLimiter,
  type ClientRateLimitInfo,
  type RateLimitInfo,
} from 'hono-rate-limiter';
import { problem } from '../../problem.ts';
import { clientAddress } from '../request-info/index.ts';
import { noteRateLimit } from '../security-log/index.ts';

export interface SubmissionLimitOptions {
  /**
   * Submissions one client address may send within a window; the next is refused with 429 until
   * the window ends. Default 120: a whole community answering in one hall behind one NAT address
   * (a few hundred residents over an evening, dozens in the same minute) gets through, while a
   * script posting hundreds a minute does not.
   */
  perAddress: number;
  /** Default one minute. The whole allowance may be used at once (a burst), then it waits. */
  windowMs: number;
  /** Read the client address from X-Forwarded-For (behind a proxy). */
  trustProxy?: boolean;
}

export const defaultSubmissionLimit: SubmissionLimitOptions = { perAddress: 120, windowMs: 60_000 };

/**
 * Limits `POST /responses` per client address (hono-rate-limiter, fixed windows in memory):
 * every submission counts, good or bad, since a flood of garbage costs as much to check. A refusal
 * is a 429 with Retry-After (seconds to the window's end) and a bilingual message, and is logged as
 * `rate.limited` by the security log (which hashes the address). There is no limit per community:
 * it would let anyone shut a community's residents out by posting under its code.
 *
 * @example api.use('/responses', submissionLimit({ perAddress: 120, windowMs: 60_000 }))
 */
export function submissionLimit(options: Partial<SubmissionLimitOptions> = {}): MiddlewareHandler {
  const { perAddress, windowMs } = { ...defaultSubmissionLimit, ...options };
  const limit = rateLimiter({
    windowMs,
    limit: perAddress,
    standardHeaders: 'draft-6', // RateLimit-* headers, and Retry-After on a refusal
    store: new CountAtArrival(),
    keyGenerator: (c) => clientAddress(c, options.trustProxy),
    handler: (c) => {
      noteRateLimit(c);
      const seconds = secondsLeft(
        c.get('rateLimit' as never) as RateLimitInfo | undefined,
        windowMs,
      );
      return problem(
        c,
        429,
        `提交过于频繁,请 ${seconds} 秒后再试`,
        `too many submissions from this address: try again in ${seconds} seconds`,
      );
    },
  });
  return async (c, next) => (c.req.method === 'POST' ? limit(c, next) : next());
}

/** Whole seconds until the window ends (what the library puts in Retry-After). */
function secondsLeft(info: RateLimitInfo | undefined, windowMs: number): number {
  if (!info?.resetTime) return Math.ceil(windowMs / 1000);
  return Math.max(0, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000));
}

/**
 * The library's in-memory counts, but `increment` answers with the count as it was at that call.
 * MemoryStore answers with its live record, which the limiter reads only after an `await`: a burst
 * arriving in one tick (a hall's submissions through one keep-alive proxy) would all read the
 * burst's final count and all be refused.
 */
class CountAtArrival extends MemoryStore {
  override increment(key: string): ClientRateLimitInfo {
    const { totalHits, resetTime } = super.increment(key);
    return { totalHits, ...(resetTime && { resetTime: new Date(resetTime) }) };
  }
}
