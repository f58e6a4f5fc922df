import { LoginThrottle } from '../auth/LoginThrottle.ts';

export interface InvitationGuessOptions {
  /** Unknown tokens a client address may present within the window; the next is refused. Default 10. */
  perAddress: number;
  /** Default 10 minutes. */
  windowMs: number;
  now: () => number;
}

/**
 * Counts unknown invitation tokens per client address, in memory, so that nobody can try tokens
 * at speed (a 130-bit token is not guessed anyway; this keeps scanners and typos from becoming
 * load). One instance serves the check endpoint and submissions alike. A used token is no guess:
 * it does not count.
 *
 * It is `LoginThrottle`'s sliding window with the address as its only key (given as both of that
 * class's keys, each with the same limit).
 */
export class InvitationGuessThrottle {
  readonly #window: LoginThrottle;

  constructor(options: Partial<InvitationGuessOptions> = {}) {
    const limit = options.perAddress ?? 10;
    this.#window = new LoginThrottle({
      perUsername: limit,
      perAddress: limit,
      windowMs: options.windowMs ?? 10 * 60_000,
      ...(options.now && { now: options.now }),
    });
  }

  /** Milliseconds until this address may present a token again; 0 when it may now. */
  retryAfter(address: string): number {
    return this.#window.retryAfter(keysOf(address));
  }

  /** Counts an unknown token against the address. */
  fail(address: string): void {
    this.#window.fail(keysOf(address));
  }
}

/** The address as both of LoginThrottle's keys. */
function keysOf(address: string) {
  return { username: address, address };
}
