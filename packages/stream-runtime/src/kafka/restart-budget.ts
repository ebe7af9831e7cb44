/**
 * When the runtime gives up on a consumer that keeps crashing (or being replaced) without
 * progress. A burst of quick crashes is not that: after a broker restart the group coordinator
 * answers "loading" for seconds, kafkajs restarts a crashed consumer after 300 ms, and ten
 * crashes come within three seconds. So the budget is spent only when more than `maxRestarts`
 * came since the last progress (a commit) and the first of them is at least `spanMs` ago:
 * crashes that go on for longer than a stalled consumer is given (RuntimeTuning.consumerStallMs).
 */
export class RestartBudget {
  readonly #maxRestarts: number;
  readonly #spanMs: number;
  readonly #now: () => number;
  #restarts = 0;
  #firstAtMs = 0;

  /** `now`: a monotonic clock in milliseconds, as performance.now(). */
  constructor(maxRestarts: number, spanMs: number, now: () => number = () => performance.now()) {
    this.#maxRestarts = maxRestarts;
    this.#spanMs = spanMs;
    this.#now = now;
  }

  /** Restarts counted since the last progress. */
  get restarts(): number {
    return this.#restarts;
  }

  /** Work was made durable: the count starts again. */
  progress(): void {
    this.#restarts = 0;
  }

  /** Counts a crash or a replacement; false when the runtime should give up. */
  spend(): boolean {
    const nowMs = this.#now();
    if (this.#restarts === 0) this.#firstAtMs = nowMs;
    this.#restarts++;
    return this.#restarts <= this.#maxRestarts || nowMs - this.#firstAtMs < this.#spanMs;
  }
}
