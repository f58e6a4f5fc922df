export interface LoginThrottleOptions {
  /** Failures allowed per username within the window; the next attempt is refused. Default 5. */
  perUsername: number;
  /**
   * Failures allowed per client address within the window. Default 20: an office of evaluators
   * often shares one address, and one mistyping colleague must not lock out the rest.
   */
  perAddress: number;
  /** Default 10 minutes. */
  windowMs: number;
  /** Keys kept at most (the oldest are forgotten first), so a flood of names cannot fill memory. */
  maxKeys: number;
  now: () => number;
}

export const defaultLoginThrottle: LoginThrottleOptions = {
  perUsername: 5,
  perAddress: 20,
  windowMs: 10 * 60_000,
  maxKeys: 10_000,
  now: Date.now,
};

/** A sign-in attempt's keys: the username as normalized, and the client's address. */
export interface LoginKeys {
  username: string;
  address: string;
}

/**
 * Counts failed sign-ins per username and per client address in a sliding window, in memory
 * (one API process serves a city; several processes would each count their own).
 */
export class LoginThrottle {
  readonly options: LoginThrottleOptions;
  #failures = new Map<string, number[]>();

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { ...defaultLoginThrottle, ...options };
  }

  /** Milliseconds until this attempt may be made; 0 when it may be made now. */
  retryAfter(keys: LoginKeys): number {
    const now = this.options.now();
    return Math.max(
      this.wait(`u:${keys.username}`, this.options.perUsername, now),
      this.wait(`a:${keys.address}`, this.options.perAddress, now),
    );
  }

  /** Counts a failed attempt against both keys. */
  fail(keys: LoginKeys): void {
    const now = this.options.now();
    for (const key of [`u:${keys.username}`, `a:${keys.address}`]) {
      const times = this.recent(key, now);
      times.push(now);
      this.#failures.delete(key); // re-inserted last: the Map's order is the order of last use
      this.#failures.set(key, times);
    }
    while (this.#failures.size > this.options.maxKeys)
      this.#failures.delete(this.#failures.keys().next().value!);
  }

  /** Forgets a username's failures after it signs in (the address keeps its count). */
  succeed(keys: LoginKeys): void {
    this.#failures.delete(`u:${keys.username}`);
  }

  /** How long a key must wait: until its oldest counted failure leaves the window. */
  private wait(key: string, limit: number, now: number): number {
    const times = this.recent(key, now);
    return times.length < limit ? 0 : times[times.length - limit]! + this.options.windowMs - now;
  }

  /** A key's failures within the window. */
  private recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
  }
}
