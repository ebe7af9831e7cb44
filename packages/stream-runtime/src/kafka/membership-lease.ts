/**
 * Whether this instance can still count itself a member of its consumer group. The group
 * coordinator expires a member that has sent no heartbeat for the session timeout and gives its
 * partitions to others; the member learns of it only at its next heartbeat or commit. An instance
 * frozen past that time (SIGSTOP, a long GC pause, a suspended VM) wakes up believing it owns its
 * partitions. In at-least-once mode nothing fences what it then writes: changelog records of
 * state from before the new owner's work would land after the new owner's, and be what the next
 * restore reads; outputs of work done on that stale view would take the ids of the new owner's.
 * So at least once, records are sent and commits made only while the lease holds: a heartbeat or
 * group join was answered less than the session timeout, less one heartbeat interval of margin
 * (for the answer's travel and the write's), ago.
 */
export class MembershipLease {
  readonly #validMs: number;
  readonly #now: () => number;
  #confirmedAtMs: number | undefined;

  /** `now`: a monotonic clock in milliseconds; it must go on while the process is stopped, as performance.now() does. */
  constructor(sessionTimeoutMs: number, heartbeatIntervalMs: number, now: () => number = () => performance.now()) {
    this.#validMs = sessionTimeoutMs - heartbeatIntervalMs;
    this.#now = now;
  }

  /** The coordinator has just answered a heartbeat or a join: the member was alive when it asked. */
  confirm(): void {
    this.#confirmedAtMs = this.#now();
  }

  /** The consumer crashed or left: nothing is known until it joins again. */
  end(): void {
    this.#confirmedAtMs = undefined;
  }

  get held(): boolean {
    return this.#confirmedAtMs !== undefined && this.#now() - this.#confirmedAtMs < this.#validMs;
  }

  /** Milliseconds since the last confirmation, for the log (undefined when there is none). */
  get sinceConfirmedMs(): number | undefined {
    return this.#confirmedAtMs === undefined ? undefined : Math.round(this.#now() - this.#confirmedAtMs);
  }
}
