import type { StreamTask } from '../core/stream-task.ts';
import { ChunkBuilder, type OutputRoute } from './chunk-builder.ts';
import { ClockGate } from './clock-gate.ts';
import { HistoryHold, type HistoryHoldOptions } from './history-hold.ts';

/** `failed`: the partition stopped for good (its state cannot be restored); see `failure`. */
export type RunStatus = 'initializing' | 'ready' | 'failed';

/**
 * One assigned partition number: its task, whether its state is restored, the committed input
 * offsets read after fencing, the work taken up since the last commit, and a serial queue so record
 * batches, wall-clock firings and commits of the partition never interleave.
 */
export class PartitionRun<S> {
  readonly partition: number;
  readonly task: StreamTask<S>;
  status: RunStatus = 'initializing';
  /** Why the partition stopped for good, when status is `failed`. */
  failure: Error | undefined;
  /** Settles when the latest initialisation (fence, restore, offsets) ended. */
  ready: Promise<void> = Promise.resolve();
  revoked = false;
  /** Next offset to read per input topic as committed (or the log start) when last (re)initialised or committed. */
  startOffsets = new Map<string, string | undefined>();
  /** Table inputs still to be read to this end offset before the stream inputs start (see table-catch-up.ts). */
  readonly tablesBehind = new Map<string, bigint>();
  /** performance.now() after which the stream inputs start even if tablesBehind is not empty. */
  tablesDeadlineMs = Number.POSITIVE_INFINITY;
  /** Input topics whose first batch since (re)initialisation was checked against startOffsets. */
  readonly checkedTopics = new Set<string>();
  /**
   * Outputs and dead letters not yet durable: in exactly-once mode everything since the last
   * commit (they go in its transaction), in at-least-once mode the current chunk's.
   */
  pending: ChunkBuilder;
  /** Next offset to commit per input topic: the work taken up since the last commit. */
  readonly pendingOffsets = new Map<string, string>();
  /** performance.now() of the last commit (or of the first work after it). */
  lastCommitAtMs = performance.now();
  /** Whether the last batch taken up ended where the partition ended when it was fetched (see RuntimeTuning.caughtUpCommitMs). */
  caughtUp = false;
  /** performance.now() when the oldest uncommitted work was taken up; undefined when there is none. */
  pendingSinceMs: number | undefined;
  /** Whether the partition is reading history, from when its batches were finished and the stream time then. */
  readonly history: HistoryHold;
  /** Whether a clock input's records may move stream time now: the own stream inputs read as far as they are known to go (and the leader's commits past them). */
  readonly clockGate: ClockGate;
  private readonly routes: ReadonlyMap<string, OutputRoute>;
  private readonly deadLetterTopic: string;
  private queue: Promise<unknown> = Promise.resolve();

  /** `clock`: groups whose commits clock records also wait for (StreamRuntimeOptions.clockLeaderGroups), unless stalled that long. */
  constructor(
    partition: number,
    task: StreamTask<S>,
    routes: ReadonlyMap<string, OutputRoute>,
    deadLetterTopic: string,
    hold: HistoryHoldOptions,
    clock: { readonly leaders: readonly string[]; readonly leaderStallMs: number } = { leaders: [], leaderStallMs: Number.POSITIVE_INFINITY },
  ) {
    this.partition = partition;
    this.clockGate = new ClockGate(clock);
    this.history = new HistoryHold(hold);
    this.task = task;
    this.routes = routes;
    this.deadLetterTopic = deadLetterTopic;
    this.pending = new ChunkBuilder(routes, deadLetterTopic);
  }

  /** True when work was taken up that is not committed yet. */
  get hasUncommittedWork(): boolean {
    return this.pendingSinceMs !== undefined || this.pendingOffsets.size > 0 || this.task.hasPendingChanges;
  }

  /** Starts a new collection of outputs (after they were made durable or dropped). */
  resetOutputs(): ChunkBuilder {
    this.pending = new ChunkBuilder(this.routes, this.deadLetterTopic);
    return this.pending;
  }

  /** Forgets every uncommitted change (a failed delivery, a rebalance): back to the last commit. */
  forgetUncommitted(): void {
    this.task.rollback();
    this.resetOutputs();
    // An offset the restored changelog had already got to (partition-lifecycle.ts) is durable work
    // the group has not heard of yet, not work to forget: it stays to be committed. Dropped, the
    // group's offset would stay behind until the next record came, on an idle partition for ever.
    for (const [topic, offset] of this.pendingOffsets) if (offset !== this.startOffsets.get(topic)) this.pendingOffsets.delete(topic);
    this.pendingSinceMs = undefined;
    this.clockGate.rewind(this.startOffsets);
  }

  /** Runs `work` after everything queued before it; failures are the caller's (the queue goes on). */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => {});
    return result;
  }

  /**
   * True while the partition is reading history: its stream time is more than the hold behind the
   * wall clock and more of the history may still come (see HistoryHold). Wall-clock timers wait
   * meanwhile, because the records still to come may show the very activity whose absence the
   * timer is about: a silence timer set 7 days after a usage event 90 days ago must not fire
   * while the next 90 days are being read, whether they are already in the log or still being
   * produced (a backfill). Stream time fires such timers as the history passes them. Once the
   * partition has read all there is, wall-clock timers fire.
   */
  catchingUp(nowMs: number): boolean {
    return this.history.catchingUp(nowMs, this.task.streamTimeMs);
  }

  /** Settles when everything queued so far has finished. */
  drained(): Promise<unknown> {
    return this.queue;
  }
}
