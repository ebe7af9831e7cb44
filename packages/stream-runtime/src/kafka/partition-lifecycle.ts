import { StreamTask } from '../core/stream-task.ts';
import { CorruptStateError, RestoreAbortedError } from '../errors.ts';
import { DeliveryError } from './delivery.ts';
import { PartitionRun } from './partition-run.ts';
import { restoreRecords } from './restore-records.ts';
import { isTransient, retry, sleep } from './retry.ts';
import type { RuntimeContext } from './runtime-context.ts';
import { beginTableCatchUp } from './table-catch-up.ts';

export interface PartitionLifecycle<S> {
  /** kafkajs GROUP_JOIN: creates runs for new partitions, drops lost ones (all of them under a new member id). */
  onGroupJoin(payload: { memberId: string; memberAssignment: Record<string, number[]> }): void;
  /** Fence (exactly-once), restore and read committed offsets, after `delayMs`; retried until it works or cannot. */
  startInitialising(run: PartitionRun<S>, delayMs?: number): void;
  /** After a failed delivery: forget the uncommitted work and redo it from the last commit. */
  redo(run: PartitionRun<S>, error: unknown): void;
  /**
   * A stored entry turned out corrupt when first read (CorruptStateError; restored as bytes, see
   * restore-records.ts): forget the uncommitted work and stop the partition, as a restore that
   * meets corrupt bytes does. Redoing would read the same bytes again.
   */
  stopCorrupt(run: PartitionRun<S>, error: CorruptStateError): void;
  /** The consumer is replaced (group-consumer.ts): every partition is given up; the new member is assigned its own. */
  revokeAll(): void;
}

/**
 * The life cycle of the partitions this instance owns: assignment, initialisation (fence, restore,
 * committed offsets), redo after a failed commit, revocation. A partition whose changelog cannot
 * be decoded stops for good (status `failed`, a metric, readiness false with the reason) instead
 * of retrying the same bytes.
 */
export function createPartitionLifecycle<S>(ctx: RuntimeContext<S>): PartitionLifecycle<S> {
  const { logger, metrics, tuning, changelogTopic } = ctx;

  /**
   * Next offset to read per input topic: the committed one, or the log start when none is; or
   * where the restored changelog says its state has got to, when that is further (at least once,
   * the consumer's commit after the changelog was written was lost; see inputOffsetsKey). Those
   * go in `ahead` too: the consumer has yet to commit them.
   */
  const readStartOffsets = async (partition: number, restored: ReadonlyMap<string, string>) => {
    const admin = ctx.admin!;
    const committed = await admin.fetchOffsets({ groupId: ctx.applicationId, topics: [...ctx.inputTopics] });
    const offsets = new Map<string, string | undefined>();
    const ahead = new Map<string, string>();
    for (const { topic, partitions } of committed) {
      const found = partitions.find((p) => p.partition === partition)?.offset;
      const offset = found === '-1' ? undefined : found;
      const taken = restored.get(topic);
      if (taken !== undefined && (offset === undefined || BigInt(taken) > BigInt(offset))) {
        logger.info(
          { partition, topic, committed: offset, restored: taken },
          'the changelog has taken up records past the committed offset: reading on from there',
        );
        offsets.set(topic, taken);
        ahead.set(topic, taken);
        continue;
      }
      if (offset !== undefined) {
        offsets.set(topic, offset);
        continue;
      }
      // Nothing committed yet: the log start, so that a redo before the first commit re-reads from there.
      const range = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition);
      offsets.set(topic, range?.low);
    }
    return { offsets, ahead };
  };

  /** Where the own stream inputs start and end, so that clock records wait while they are behind. */
  const startClockGate = async (run: PartitionRun<S>): Promise<void> => {
    for (const topic of ctx.ownStreamTopics) {
      const range = (await ctx.admin!.fetchTopicOffsets(topic)).find((p) => p.partition === run.partition);
      run.clockGate.start(topic, BigInt(run.startOffsets.get(topic) ?? range?.low ?? '0'), BigInt(range?.high ?? '0'));
    }
  };

  /**
   * Reading starts again at the committed offsets. kafkajs goes on from the offsets it last handed
   * over, past the work a redo forgets. The batch loop seeks back when a batch shows that (see
   * checkedTopics), but a partition read to its end gets no batch until a new record comes, and
   * the forgotten work would wait for it: at the end of a stream, for ever.
   */
  const seekToStart = (run: PartitionRun<S>): void => {
    for (const [topic, offset] of run.startOffsets) if (offset !== undefined) ctx.consumer?.seek({ topic, partition: run.partition, offset });
  };

  const initialiseOnce = async (run: PartitionRun<S>): Promise<void> => {
    const { partition, task } = run;
    if (run.revoked || ctx.stopping) throw new RestoreAbortedError('partition revoked', { partition });
    run.status = 'initializing';
    await ctx.delivery!.openPartition(partition);
    task.clear();
    run.forgetUncommitted();
    const restoredOffsets = new Map<string, string>();
    const restored = await ctx.reader!.restore(changelogTopic, partition, (messages) => {
      ctx.touch();
      restoreRecords(task, messages, { topic: changelogTopic, partition }, restoredOffsets);
    });
    metrics.restoreDuration.observe(restored.durationMs / 1000);
    metrics.restoredRecords.inc(restored.records);
    const start = await readStartOffsets(partition, restoredOffsets);
    run.startOffsets = start.offsets;
    for (const [topic, offset] of start.ahead) run.pendingOffsets.set(topic, offset);
    if (ctx.hasClockInputs) await startClockGate(run);
    run.checkedTopics.clear();
    run.lastCommitAtMs = performance.now();
    // Restored timers wait as if a batch had just come: the backlog of a partition that changed
    // owner arrives with its first fetch, and a timer fired before it would report a gap that
    // history fills (a silence alert opened, then resolved). Idle inputs release them after the hold.
    run.history.restored(ctx.clock(), task.streamTimeMs);
    run.status = 'ready';
    seekToStart(run);
    // A partition paused as failed before (then revoked and assigned again) fetches again.
    ctx.consumer?.resume(ctx.inputTopics.map((topic) => ({ topic, partitions: [partition] })));
    await beginTableCatchUp(ctx, run);
    logger.info(
      { partition, keys: task.store.size, changelogRecords: restored.records, restoreMs: Math.round(restored.durationMs), streamTimeMs: task.streamTimeMs },
      'partition restored',
    );
  };

  const stopPartition = (run: PartitionRun<S>, error: Error) => {
    run.status = 'failed';
    run.failure = error;
    run.task.clear();
    const code = (error as { code?: string }).code ?? 'UNKNOWN';
    metrics.partitionsStopped.inc({ partition: String(run.partition), code });
    ctx.consumer?.pause(ctx.inputTopics.map((topic) => ({ topic, partitions: [run.partition] })));
    const rebuild = error instanceof CorruptStateError ? ' Rebuild the store from its input (stream-runtime README, "Corrupt state").' : '';
    logger.error({ err: error, partition: run.partition, code }, `partition ${run.partition} stopped: ${error.message}.${rebuild}`);
  };

  const initialise = (run: PartitionRun<S>): Promise<void> =>
    retry(() => initialiseOnce(run), {
      initialMs: tuning.retryInitialMs,
      maxMs: tuning.retryMaxMs,
      retriable: (error) => !run.revoked && !ctx.stopping && isTransient(error),
      onRetry: (error, attempt, waitMs) =>
        logger.warn({ err: error, partition: run.partition, attempt }, `initialising partition ${run.partition} failed; retrying in ${waitMs} ms`),
    });

  const startInitialising = (run: PartitionRun<S>, delayMs = 0) => {
    run.status = 'initializing';
    run.ready = (async () => {
      if (delayMs) await sleep(delayMs);
      await run.serially(() => initialise(run));
    })();
    run.ready.catch((error: unknown) => {
      if (run.revoked || ctx.stopping || error instanceof RestoreAbortedError) return;
      stopPartition(run, error as Error);
    });
  };

  const revoke = (run: PartitionRun<S>) => {
    run.revoked = true;
    ctx.runs.delete(run.partition);
    ctx.reader?.cancel(changelogTopic, run.partition);
    for (const topic of ctx.inputTopics) metrics.lag.remove({ topic, partition: String(run.partition) });
    void run
      .drained()
      .then(() => run.ready.catch(() => {}))
      .then(async () => {
        run.task.clear();
        // Only close the producer if the partition did not come back meanwhile.
        if (!ctx.runs.has(run.partition)) await ctx.delivery?.closePartition(run.partition);
      })
      .catch((error: unknown) => logger.warn({ err: error, partition: run.partition }, 'closing a revoked partition failed'));
  };

  const onGroupJoin = (payload: { memberId: string; memberAssignment: Record<string, number[]> }) => {
    ctx.touch();
    const assigned = new Set<number>();
    for (const topic of ctx.inputTopics) for (const partition of payload.memberAssignment[topic] ?? []) assigned.add(partition);
    // A new member id means this instance was out of the group: someone else may have written its partitions.
    const sameMember = payload.memberId === ctx.memberId;
    ctx.memberId = payload.memberId;
    for (const run of [...ctx.runs.values()]) {
      if (!sameMember || !assigned.has(run.partition)) {
        revoke(run);
        continue;
      }
      // Kept: kafkajs fetches again from the committed offsets, so work taken up since then is redone.
      void run.serially(async () => {
        run.forgetUncommitted();
        run.checkedTopics.clear();
      });
    }
    for (const partition of [...assigned].sort((a, b) => a - b)) {
      if (ctx.runs.has(partition)) continue;
      const task = new StreamTask<S>({
        processor: ctx.processor,
        store: ctx.stores(`${ctx.processor.name}-${partition}`),
        maxRecentEventIds: tuning.maxRecentEventIds,
      });
      const run = new PartitionRun(
        partition,
        task,
        ctx.routes,
        ctx.options.deadLetterTopic,
        {
          behindMs: tuning.wallClockHoldWhileBehindMs,
          idleMs: tuning.wallClockHoldIdleMs,
        },
        { leaders: ctx.clockLeaderGroups, leaderStallMs: tuning.clockLeaderStallMs },
      );
      ctx.runs.set(partition, run);
      startInitialising(run);
    }
    metrics.assignedPartitions.set(ctx.runs.size);
    ctx.joined = true;
    ctx.membership.confirm();
    ctx.rebalancing = false;
    logger.info({ memberId: ctx.memberId, partitions: [...assigned].sort((a, b) => a - b) }, 'joined the consumer group');
  };

  const redo = (run: PartitionRun<S>, error: unknown) => {
    run.forgetUncommitted();
    // Revoked meanwhile: the new owner reads from its own offsets; a seek here would move its reading.
    if (run.revoked) return;
    logger.warn({ err: error, partition: run.partition }, 'work could not be made durable; redoing it from the last commit');
    if (ctx.delivery!.mode === 'exactly-once' || (error instanceof DeliveryError && error.outcome === 'unknown')) {
      // Give a rebalance that fenced us the time to show up in a heartbeat before fencing back.
      startInitialising(run, 2 * tuning.heartbeatIntervalMs);
    } else {
      // Each input is read again from the last committed offset.
      run.checkedTopics.clear();
      seekToStart(run);
    }
  };

  const stopCorrupt = (run: PartitionRun<S>, error: CorruptStateError) => {
    run.forgetUncommitted();
    if (!run.revoked) stopPartition(run, error);
  };

  const revokeAll = () => {
    for (const run of [...ctx.runs.values()]) revoke(run);
  };

  return { onGroupJoin, startInitialising, redo, stopCorrupt, revokeAll };
}
