import type { StreamTask } from '../core/stream-task.ts';

export type RunStatus = 'initializing' | 'ready' | 'failed';

/**
 * One assigned partition number: its task, whether its state is restored, the committed input
 * offsets read after fencing, and a serial queue so record batches and wall-clock firings of the
 * partition never interleave.
 */
export class PartitionRun<S> {
  readonly partition: number;
  readonly task: StreamTask<S>;
  status: RunStatus = 'initializing';
  /** Settles when the latest initialisation (fence, restore, offsets) ended. */
  ready: Promise<void> = Promise.resolve();
  revoked = false;
  /** Next offset to read per input topic as committed when the partition was (re)initialised; undefined when none. */
  startOffsets = new Map<string, string | undefined>();
  /** Input topics whose first batch since initialisation was checked against startOffsets. */
  readonly checkedTopics = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(partition: number, task: StreamTask<S>) {
    this.partition = partition;
    this.task = task;
  }

  /** Runs `work` after everything queued before it; failures are the caller's (the queue goes on). */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => {});
    return result;
  }

  /** Wall-clock time the last record batch of this partition was finished. */
  lastBatchDoneAtMs = Number.NEGATIVE_INFINITY;

  /**
   * True while the partition is reading history: its stream time is more than `holdMs` behind the
   * wall clock and records keep coming (a batch finished within `idleMs`). Wall-clock timers wait
   * meanwhile, because the records still to come may show the very activity whose absence the
   * timer is about: a silence timer set 7 days after a usage event 90 days ago must not fire
   * while the next 90 days are being read, whether they are already in the log or still being
   * produced (a backfill). Stream time fires such timers as the history passes them. Once no batch
   * has come for `idleMs`, the partition has read all there is and wall-clock timers fire.
   */
  catchingUp(nowMs: number, holdMs: number, idleMs: number): boolean {
    return this.task.streamTimeMs < nowMs - holdMs && nowMs - this.lastBatchDoneAtMs <= idleMs;
  }

  /** Settles when everything queued so far has finished. */
  drained(): Promise<unknown> {
    return this.queue;
  }
}
