import { ProcessorError } from '../errors.ts';
import { commit, commitDue, consumerOffsetCommitter, flushOutputs } from './commits.ts';
import { DeliveryError } from './delivery.ts';
import type { PartitionLifecycle } from './partition-lifecycle.ts';
import type { PartitionRun } from './partition-run.ts';
import type { RuntimeContext } from './runtime-context.ts';

/**
 * The periodic checks that do not wait for a record: wall-clock timers that are due, and commits
 * that are due on a partition no batch has come to since its last work. Both go through the
 * partition's serial queue, between record batches.
 */
export function createWallClock<S>(ctx: RuntimeContext<S>, lifecycle: PartitionLifecycle<S>) {
  const { tuning } = ctx;
  const idle = (run: PartitionRun<S>) => run.revoked || run.status !== 'ready' || !ctx.working || ctx.rebalancing;

  const onFailure = (run: PartitionRun<S>, error: unknown) => {
    if (error instanceof ProcessorError || (error instanceof DeliveryError && error.permanent)) {
      run.forgetUncommitted();
      ctx.fail(error as Error);
    } else {
      lifecycle.redo(run, error);
    }
  };

  const fireWallTimers = async (run: PartitionRun<S>) => {
    try {
      for (;;) {
        if (idle(run)) return;
        // Checked again here: the batch queued before this firing may have shown more history to read.
        const now = ctx.clock();
        if (run.catchingUp(now)) return;
        const startedAt = performance.now();
        const fired = run.task.fireWallTimers(now, tuning.maxWorkPerChunk);
        if (fired.fired === 0) break;
        ctx.logger.debug(
          { partition: run.partition, fired: fired.fired, streamTimeMs: run.task.streamTimeMs, sinceLastBatchMs: now - run.history.lastBatchDoneAtMs },
          'wall-clock timers fired',
        );
        run.pendingSinceMs ??= startedAt;
        run.pending.addOutputs(fired.outputs);
        run.pending.timersFired.wall += fired.fired;
        await flushOutputs(ctx, run, startedAt);
        if (fired.done) break;
      }
      if (commitDue(ctx, run)) await commit(ctx, run, consumerOffsetCommitter(ctx));
    } catch (error) {
      onFailure(run, error);
    }
  };

  const commitIfDue = async (run: PartitionRun<S>) => {
    if (idle(run) || !commitDue(ctx, run)) return;
    try {
      await commit(ctx, run, consumerOffsetCommitter(ctx));
    } catch (error) {
      onFailure(run, error);
    }
  };

  return {
    /** Every wallClockCheckIntervalMs. */
    checkWallClock(): void {
      if (!ctx.working || ctx.rebalancing) return;
      const now = ctx.clock();
      for (const run of ctx.runs.values()) {
        if (idle(run) || run.catchingUp(now)) continue;
        const due = run.task.nextWallTimerAtMs();
        if (due !== undefined && due <= now) void run.serially(() => fireWallTimers(run));
      }
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
