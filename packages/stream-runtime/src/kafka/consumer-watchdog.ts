/**
 * Tells when the kafkajs consumer has stopped showing life: no heartbeat answered and no group
 * join for `stallMs` of the time this process ran. kafkajs means to rejoin or crash
 * (and restart) on every fault, but after a broker restart it can wait for ever on a group
 * coordinator that never answers it, neither in the group nor crashed; only a new consumer gets
 * out of that. A healthy member has a heartbeat answered every heartbeat interval, while it
 * fetches, works on a batch or restores; the stall must outlast the one legitimate silence, a
 * JoinGroup waiting up to the rebalance timeout (60 s in kafkajs).
 *
 * Time the process did not run (SIGSTOP, a long pause) does not count: the consumer cannot have
 * shown life then, and on waking it still may. Between two checks at most twice the check
 * interval counts.
 */
export class ConsumerWatchdog {
  readonly #stallMs: number;
  readonly #checkEveryMs: number;
  readonly #now: () => number;
  #silentMs = 0;
  #lastCheckAtMs: number;

  /** `now`: a monotonic clock in milliseconds that goes on while the process is stopped, as performance.now() does. */
  constructor(stallMs: number, checkEveryMs: number, now: () => number = () => performance.now()) {
    this.#stallMs = stallMs;
    this.#checkEveryMs = checkEveryMs;
    this.#now = now;
    this.#lastCheckAtMs = now();
  }

  /** The consumer did something (an event of its own). */
  seen(): void {
    this.#silentMs = 0;
  }

  /** Called every `checkEveryMs`: the milliseconds of silence when they reach the stall, else undefined. */
  check(): number | undefined {
    const now = this.#now();
    this.#silentMs += Math.min(now - this.#lastCheckAtMs, 2 * this.#checkEveryMs);
    this.#lastCheckAtMs = now;
    return this.#silentMs >= this.#stallMs ? Math.round(this.#silentMs) : undefined;
  }
}
