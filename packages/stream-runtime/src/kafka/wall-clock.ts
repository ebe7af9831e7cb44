import type { FiringOutcome } from '../core/stream-task.ts';
import { CorruptStateError, ProcessorError } from '../errors.ts';
import { commit, commitDue, consumerOffsetCommitter, flushOutputs } from './commits.ts';
import { DeliveryError } from './delivery.ts';
import type { PartitionLifecycle } from './partition-lifecycle.ts';
import type { PartitionRun } from './partition-run.ts';
import type { RuntimeContext } from './runtime-context.ts';

/**
 * The periodic checks that do not wait for a record: wall-clock timers that are due, a clock
 * input's time that may now move stream time (clock-gate.ts), and commits that are due on a
 * partition no batch has come to since its last work. All go through the partition's serial
 * queue, between record batches.
 */
export function createWallClock<S>(ctx: RuntimeContext<S>, lifecycle: PartitionLifecycle<S>) {
  const { tuning } = ctx;
  const idle = (run: PartitionRun<S>) => run.revoked || run.status !== 'ready' || !ctx.working || ctx.rebalancing;

  const onFailure = (run: PartitionRun<S>, error: unknown) => {
    if (error instanceof ProcessorError || (error instanceof DeliveryError && error.permanent)) {
      run.forgetUncommitted();
      ctx.fail(error as Error);
    } else if (error instanceof CorruptStateError) {
      lifecycle.stopCorrupt(run, error);
    } else {
      lifecycle.redo(run, error);
    }
  };

  /** Fires what `step` fires, a chunk of work at a time, until it is done or fires nothing; then commits if due. */
  const fireInChunks = async (run: PartitionRun<S>, clock: 'wall' | 'stream', step: () => FiringOutcome | undefined) => {
    try {
      for (;;) {
        if (idle(run)) return;
        const startedAt = performance.now();
        const fired = step();
        if (fired === undefined || fired.fired === 0) break;
        ctx.logger.debug({ partition: run.partition, clock, fired: fired.fired, streamTimeMs: run.task.streamTimeMs }, 'timers fired between batches');
        run.pendingSinceMs ??= startedAt;
        run.pending.addOutputs(fired.outputs);
        run.pending.timersFired[clock] += fired.fired;
        await flushOutputs(ctx, run, startedAt);
        if (fired.done) break;
      }
      if (commitDue(ctx, run)) await commit(ctx, run, consumerOffsetCommitter(ctx));
    } catch (error) {
      onFailure(run, error);
    }
  };

  const fireWallTimers = (run: PartitionRun<S>) =>
    fireInChunks(run, 'wall', () => {
      // Checked again here: the batch queued before this firing may have shown more history to read.
      const now = ctx.clock();
      return run.catchingUp(now) ? undefined : run.task.fireWallTimers(now, tuning.maxWorkPerChunk);
    });

  const clockDue = (run: PartitionRun<S>) => run.clockGate.due((mark) => ctx.fetchCycles.passed(mark, performance.now()), performance.now());

  /**
   * A clock input's last records, whose round of fetches passed after them: stream time moves to
   * them, and the clock input's offset to commit moves past them (see ClockGate.clockCommitOffset).
   */
  const followClock = (run: PartitionRun<S>) =>
    fireInChunks(run, 'stream', () => {
      const due = clockDue(run);
      const offset = movedClockOffset(run);
      if (offset !== undefined) run.pendingOffsets.set(ctx.clockTopic!, offset);
      return due === undefined || due <= run.task.streamTimeMs ? undefined : run.task.advanceStreamTime(due, tuning.maxWorkPerChunk);
    });

  /** The clock input's offset to commit, when it moved past what is committed or pending. */
  const movedClockOffset = (run: PartitionRun<S>): string | undefined => {
    const offset = ctx.clockTopic === undefined ? undefined : run.clockGate.clockCommitOffset?.toString();
    if (offset === undefined) return undefined;
    return offset === (run.pendingOffsets.get(ctx.clockTopic!) ?? run.startOffsets.get(ctx.clockTopic!)) ? undefined : offset;
  };

  const commitIfDue = async (run: PartitionRun<S>) => {
    if (idle(run) || !commitDue(ctx, run)) return;
    try {
      await commit(ctx, run, consumerOffsetCommitter(ctx));
    } catch (error) {
      onFailure(run, error);
    }
  };

  /** Moves the partition's stream time to the clock time that came due, if one did. */
  const checkClock = (run: PartitionRun<S>) => {
    const clock = clockDue(run);
    if ((clock !== undefined && clock > run.task.streamTimeMs) || movedClockOffset(run) !== undefined) void run.serially(() => followClock(run));
  };

  return {
    /** Every wallClockCheckIntervalMs. */
    checkWallClock(): void {
      if (!ctx.working || ctx.rebalancing) return;
      const now = ctx.clock();
      for (const run of ctx.runs.values()) {
        if (idle(run)) continue;
        if (ctx.hasClockInputs) checkClock(run);
        if (run.catchingUp(now)) continue;
        const due = run.task.nextWallTimerAtMs();
        if (due !== undefined && due <= now) void run.serially(() => fireWallTimers(run));
      }
    },
    /** At once when the clock leader's commits moved on (clock-leader.ts), not at the next check. */
    checkClock(run: PartitionRun<S>): void {
      if (!ctx.working || ctx.rebalancing || idle(run)) return;
      checkClock(run);
    },
    /** Often enough to honour the commit interval when batches stop coming. */
    checkCommits(): void {
      if (!ctx.working || ctx.rebalancing) return;
      for (const run of ctx.runs.values()) if (!idle(run) && commitDue(ctx, run)) void run.serially(() => commitIfDue(run));
    },
    /** On stop: commits what every ready partition has taken up (before the consumer leaves the group). */
    async commitAll(): Promise<void> {
      await Promise.allSettled(
        [...ctx.runs.values()].map((run) =>
          run.serially(async () => {
            if (run.revoked || run.status !== 'ready' || ctx.failed || !run.hasUncommittedWork) return;
            try {
              await commit(ctx, run, consumerOffsetCommitter(ctx));
            } catch (error) {
              ctx.logger.warn({ err: error, partition: run.partition }, 'the last commit before stopping failed; the next owner redoes that work');
              run.forgetUncommitted();
            }
          }),
        ),
      );
    },
  };
}
