/** Recent stretches of a reading whose paces are compared: the slowest is the reading's pace. */
const PACE_STRETCHES = 16;

/** A moment of a partition's reading: the wall clock and the partition's stream time then. */
interface ReadingPoint {
  readonly atMs: number;
  readonly streamTimeMs: number;
}

export interface HistoryHoldOptions {
  /** Stream time further behind the wall clock than this is history (wallClockHoldWhileBehindMs). */
  readonly behindMs: number;
  /** A partition that had a batch this recently is still reading (wallClockHoldIdleMs). */
  readonly idleMs: number;
}

/**
 * Whether a partition is still reading history, so that its wall-clock timers wait (see
 * PartitionRun.catchingUp). Time only comes in as arguments.
 *
 * A partition reading history is behind the wall clock and gets batches. A pause of its batches
 * does not by itself mean the history is all read: a history produced at a steady pace (a
 * backfill) leaves long pauses on a sparse topic, a purchases partition that gets one order a
 * week of history, while the busy topics beside it go on. A timer fired in such a pause runs the
 * customer's clock ahead of the orders still to come: a lapse opened, then closed late, where a
 * replay of the same history opens none. So while the last batches were history, the pause is
 * judged by the pace at which they moved stream time: the partition keeps waiting for as long as
 * the history, read at that pace, would not yet have reached the present, and no longer than the
 * reading of history has lasted so far (a backfill that stopped half-way must not hold the timers
 * for as long as its remaining days would take). A partition that reads at most as fast as the
 * wall clock is not catching up with anything, and a pause of `idleMs` releases its timers, as
 * does one whose pace is not known yet.
 *
 * The pace is that of the slowest recent stretch of the reading (`PACE_STRETCHES` stretches of at
 * least an eighth of `idleMs` each), not its average since it began: a backfill that first read
 * months of stored history in seconds and then followed a producer at a day a second averaged a
 * pace so fast that a month-long pause of the sparse topic looked like the end of the history,
 * and the timers fired ahead of the orders still to come. Too slow a pace only holds the timers
 * longer, and never longer than the reading has lasted.
 */
export class HistoryHold {
  readonly #options: HistoryHoldOptions;
  #lastBatch: ReadingPoint = { atMs: Number.NEGATIVE_INFINITY, streamTimeMs: Number.NEGATIVE_INFINITY };
  /** Where the current reading of history began; undefined while the partition reads recent records. */
  #historySince: ReadingPoint | undefined;
  /** Batches of the current reading at least a stretch apart, the newest last; at most PACE_STRETCHES + 1. */
  #marks: ReadingPoint[] = [];

  constructor(options: HistoryHoldOptions) {
    this.#options = options;
  }

  /** Wall-clock time the last batch was finished (or the partition was made ready). */
  get lastBatchDoneAtMs(): number {
    return this.#lastBatch.atMs;
  }

  /**
   * The partition's state was restored: its timers wait as if a batch had just come, since the
   * backlog of a partition that changed owner arrives with its first fetch, and the restored stream
   * time is where a reading of history (if it is behind) began.
   */
  restored(nowMs: number, streamTimeMs: number): void {
    this.#lastBatch = { atMs: nowMs, streamTimeMs };
    this.#historySince = this.#isHistory(nowMs, streamTimeMs) ? this.#lastBatch : undefined;
    this.#marks = this.#historySince === undefined ? [] : [this.#lastBatch];
  }

  /** A record batch of the partition was finished at `nowMs`, leaving stream time at `streamTimeMs`. */
  batchDone(nowMs: number, streamTimeMs: number): void {
    const point = { atMs: nowMs, streamTimeMs };
    if (!this.#isHistory(nowMs, streamTimeMs)) {
      this.#historySince = undefined;
      this.#marks = [];
    } else if (this.#historySince === undefined || !Number.isFinite(this.#historySince.streamTimeMs)) {
      // Before the first record that moves stream time (a table's rows only), the reading has no start yet.
      this.#historySince = point;
      this.#marks = [point];
    } else if (this.#endsStretch(point)) {
      this.#marks.push(point);
      if (this.#marks.length > PACE_STRETCHES + 1) this.#marks.shift();
    }
    this.#lastBatch = point;
  }

  /** True while wall-clock timers must wait: the partition's stream time is history and more of it may come. */
  catchingUp(nowMs: number, streamTimeMs: number): boolean {
    if (!this.#isHistory(nowMs, streamTimeMs)) return false;
    const idleMs = nowMs - this.#lastBatch.atMs;
    if (idleMs <= this.#options.idleMs) return true;
    const reading = this.#reading();
    if (reading === undefined || idleMs > reading.lastedMs) return false;
    return streamTimeMs + reading.pace * idleMs < nowMs - this.#options.behindMs;
  }

  #isHistory(nowMs: number, streamTimeMs: number): boolean {
    return streamTimeMs < nowMs - this.#options.behindMs;
  }

  /**
   * The reading of history up to the last batch: how long it lasted and the stream time it gained
   * per wall-clock millisecond in its slowest recent stretch (over all of it before a stretch
   * is complete); undefined when that is not faster than the wall clock.
   */
  #reading(): { readonly lastedMs: number; readonly pace: number } | undefined {
    const since = this.#historySince;
    if (since === undefined || !Number.isFinite(since.streamTimeMs)) return undefined;
    const lastedMs = this.#lastBatch.atMs - since.atMs;
    const paceBetween = (from: ReadingPoint, to: ReadingPoint) => (to.streamTimeMs - from.streamTimeMs) / (to.atMs - from.atMs);
    let pace = this.#marks.length < 2 ? paceBetween(since, this.#lastBatch) : Number.POSITIVE_INFINITY;
    for (let i = 1; i < this.#marks.length; i++) pace = Math.min(pace, paceBetween(this.#marks[i - 1] as ReadingPoint, this.#marks[i] as ReadingPoint));
    return pace > 1 ? { lastedMs, pace } : undefined;
  }

  /**
   * Whether a batch ends a stretch: at least an eighth of `idleMs` after the last mark, and with
   * stream time moved. A batch of a table's rows alone leaves stream time where it was; as a mark
   * it would make a stretch of pace 0 and release the timers of a history still being read.
   */
  #endsStretch(point: ReadingPoint): boolean {
    const last = this.#marks.at(-1);
    return last === undefined || (point.atMs - last.atMs >= this.#options.idleMs / 8 && point.streamTimeMs > last.streamTimeMs);
  }
}
