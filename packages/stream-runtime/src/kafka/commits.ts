import type { ChunkBuilder } from './chunk-builder.ts';
import type { CommitOffsets } from './delivery.ts';
import type { PartitionRun } from './partition-run.ts';
import type { RuntimeContext } from './runtime-context.ts';

/** Commits input offsets through the consumer (at-least-once); inside a batch, its payload's. */
export type OffsetCommitter = (offsets: CommitOffsets) => Promise<void>;

const nothingToCommit: OffsetCommitter = async () => {};

/**
 * A commit is due when the commit interval has passed since the last one, or the dirty-key cache
 * holds `maxDirtyKeys` keys (Kafka Streams flushes its record cache when it is full, too); exactly
 * once, also when outputs wait in a partition that has caught up with its input and
 * `caughtUpCommitMs` has passed (RuntimeTuning.caughtUpCommitMs).
 */
export function commitDue<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>, nowMs = performance.now()): boolean {
  if (!run.hasUncommittedWork) return false;
  const sinceMs = nowMs - run.lastCommitAtMs;
  if (sinceMs >= ctx.commitIntervalMs || run.task.pendingKeys >= ctx.tuning.maxDirtyKeys) return true;
  return ctx.delivery!.mode === 'exactly-once' && run.caughtUp && run.pending.outputs.length > 0 && sinceMs >= ctx.caughtUpCommitMs;
}

/** Metrics and the onOutputsCommitted hook, for outputs that just became durable. */
function countDurable<S>(ctx: RuntimeContext<S>, builder: ChunkBuilder): void {
  const { metrics } = ctx;
  for (const [topic, count] of builder.outgoing.countsByTopic()) metrics.outputs.inc({ topic }, count);
  if (ctx.options.onOutputsCommitted && builder.outputs.length) ctx.options.onOutputsCommitted(builder.outputs);
  for (const { topic, reason } of builder.deadLetterReasons) metrics.deadLetters.inc({ topic, reason });
  if (builder.timersFired.stream) metrics.timersFired.inc({ clock: 'stream' }, builder.timersFired.stream);
  if (builder.timersFired.wall) metrics.timersFired.inc({ clock: 'wall' }, builder.timersFired.wall);
}

/**
 * At-least-once: the outputs and dead letters of the chunk just processed are sent and
 * acknowledged now, before the changelog records and offsets that depend on them (those wait for
 * the commit). In exactly-once mode outputs wait for the commit's transaction: nothing to do here.
 */
export async function flushOutputs<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>, startedAtMs: number): Promise<void> {
  const builder = run.pending;
  if (ctx.delivery!.mode === 'exactly-once' || builder.isEmpty) return;
  try {
    await ctx.delivery!.deliver(run.partition, { outputs: builder.outgoing.topicMessages(), changelog: [] }, nothingToCommit);
  } catch (error) {
    ctx.metrics.deliveryFailures.inc();
    throw error;
  }
  countDurable(ctx, builder);
  ctx.metrics.latency.observe((performance.now() - startedAtMs) / 1000);
  run.resetOutputs();
}

/**
 * Makes the work taken up since the last commit durable: one changelog record per changed key
 * (the dirty-key cache: a key updated a thousand times is written once), the partition's stream
 * time, the input offsets, and in exactly-once mode the outputs, all in one transaction. On
 * failure nothing is forgotten here: the caller rolls back (see PartitionLifecycle.redo).
 */
export async function commit<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>, commitOffsets: OffsetCommitter): Promise<void> {
  // A revoked partition's work is the new owner's to redo, from the new owner's offsets.
  if (!run.hasUncommittedWork || run.revoked) return;
  // kafkajs drops a consumer's offset commit without a word while the consumer is not running (it
  // crashed and restarts). At least once, the commit would then count as made while the group's
  // offsets stayed where they were. The work waits instead: the group join that follows redoes it.
  if (!ctx.joined && ctx.delivery!.mode === 'at-least-once') return;
  // Nor while a heartbeat is overdue: the group may have given the partition away, and this
  // instance's changelog records would then land after the new owner's (membership-lease.ts).
  // The next heartbeat tells: answered, the commit is made; refused, the group join redoes the work.
  if (ctx.delivery!.mode === 'at-least-once' && !ctx.mayWrite()) {
    ctx.logger.warn(
      { partition: run.partition, sinceHeartbeatMs: ctx.membership.sinceConfirmedMs },
      'no heartbeat answered for nearly a session timeout: the commit waits until the group confirms this member',
    );
    return;
  }
  const builder = run.pending;
  const offsets: CommitOffsets | undefined = run.pendingOffsets.size
    ? {
        groupId: ctx.applicationId,
        topics: [...run.pendingOffsets].map(([topic, offset]) => ({ topic, partitions: [{ partition: run.partition, offset }] })),
      }
    : undefined;
  const chunk = builder.build(run.partition, ctx.changelogTopic, run.task.changes(), offsets, takenUpOffsets(run));
  const exactlyOnce = ctx.delivery!.mode === 'exactly-once';
  const deliveryStartedMs = performance.now();
  try {
    await ctx.delivery!.deliver(run.partition, chunk, (committed) => offsetsWhileOwned(ctx, run, committed, commitOffsets));
    ctx.metrics.commitDuration.observe({ delivery: ctx.delivery!.mode }, (performance.now() - deliveryStartedMs) / 1000);
  } catch (error) {
    ctx.metrics.deliveryFailures.inc();
    if (exactlyOnce) ctx.metrics.transactionsAborted.inc();
    throw error;
  }
  run.task.commit();
  for (const [topic, offset] of run.pendingOffsets) run.startOffsets.set(topic, offset);
  run.pendingOffsets.clear();
  ctx.logger.debug(
    { partition: run.partition, offsets: offsets?.topics.map((t) => `${t.topic}:${t.partitions[0]?.offset}`), outputs: builder.outgoing.count },
    'committed',
  );
  ctx.touch();
  ctx.restarts.progress();
  if (exactlyOnce) ctx.metrics.transactionsCommitted.inc();
  countDurable(ctx, builder);
  if (exactlyOnce && run.pendingSinceMs !== undefined) ctx.metrics.latency.observe((performance.now() - run.pendingSinceMs) / 1000);
  run.resetOutputs();
  run.pendingSinceMs = undefined;
  run.lastCommitAtMs = performance.now();
}

/** Every input's next offset once this commit is made: what is pending over what was committed (or read at initialisation). */
function takenUpOffsets<S>(run: PartitionRun<S>): Map<string, string> {
  const offsets = new Map<string, string>();
  for (const [topic, offset] of run.startOffsets) if (offset !== undefined) offsets.set(topic, offset);
  for (const [topic, offset] of run.pendingOffsets) offsets.set(topic, offset);
  return offsets;
}

/**
 * At least once the changelog is written before the offsets are committed, and while the broker is
 * away that write is retried for as long as it takes. Meanwhile the consumer may lose its
 * membership and rejoin, and the partition's new run (here or elsewhere) restore, read on and
 * commit further. The old run's offsets, committed once its write got through, would then move the
 * group back for good (once the stream has ended, nothing would ever commit past them again).
 */
async function offsetsWhileOwned<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>, offsets: CommitOffsets, commitOffsets: OffsetCommitter): Promise<void> {
  if (run.revoked) {
    ctx.logger.warn({ partition: run.partition }, 'the partition was revoked while its commit was under way: its offsets are left to the new owner');
    return;
  }
  await commitOffsets(offsets);
}

/** Offsets committed through the consumer itself, outside a batch (timer-driven commits, stop). */
export function consumerOffsetCommitter<S>(ctx: RuntimeContext<S>): OffsetCommitter {
  return async (offsets) => {
    await ctx.consumer?.commitOffsets(
      offsets.topics.flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition, offset }))),
    );
  };
}
