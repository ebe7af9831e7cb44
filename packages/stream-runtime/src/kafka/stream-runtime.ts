import type { Processor } from '../processor.ts';
import { createAtLeastOnceDelivery } from './at-least-once.ts';
import { createBatchLoop } from './batch-loop.ts';
import { createChangelogReader } from './changelog-reader.ts';
import { createClockLeaderWatch } from './clock-leader.ts';
import { connectWithRetry } from './connection.ts';
import { createExactlyOnceDelivery } from './exactly-once.ts';
import { createGroupConsumer } from './group-consumer.ts';
import { createPartitionLifecycle } from './partition-lifecycle.ts';
import { RuntimeContext } from './runtime-context.ts';
import { createRuntimeHealth } from './runtime-health.ts';
import type { StreamRuntime, StreamRuntimeOptions } from './runtime-options.ts';
import { expireTableCatchUps } from './table-catch-up.ts';
import { createWallClock } from './wall-clock.ts';

export { changelogTopicName, type InputBinding, type OutputBinding, type StreamRuntime, type StreamRuntimeOptions } from './runtime-options.ts';
export { type DeliveryMode, defaultTuning, type RuntimeTuning } from './runtime-tuning.ts';

/**
 * Runs one processor on Kafka with changelog-backed state, durable timers and the chosen delivery
 * guarantee. This file wires the parts and owns the clients' life cycle (start, stop); see
 * group-consumer.ts, partition-lifecycle.ts, batch-loop.ts, commits.ts, wall-clock.ts, clock-leader.ts,
 * table-catch-up.ts, connection.ts, runtime-health.ts.
 */
export function createStreamRuntime<S, E>(options: StreamRuntimeOptions<S, E>): StreamRuntime {
  const ctx = new RuntimeContext<S>(options as StreamRuntimeOptions<S, unknown>);
  const { kafka, applicationId } = options;
  const processor = options.processor as Processor<S, unknown>;
  const { tuning, logger } = ctx;
  const lifecycle = createPartitionLifecycle(ctx);
  const eachBatch = createBatchLoop(ctx, lifecycle);
  const wallClock = createWallClock(ctx, lifecycle);
  const groupConsumer = createGroupConsumer(ctx, lifecycle, eachBatch);
  const intervals: NodeJS.Timeout[] = [];

  const start = async () => {
    const partitions = await connectWithRetry(ctx);
    logger.info(
      { inputs: ctx.inputTopics, partitions, changelogTopic: ctx.changelogTopic, delivery: options.delivery, commitIntervalMs: ctx.commitIntervalMs },
      'topics checked',
    );
    ctx.reader = createChangelogReader({
      kafka,
      admin: ctx.admin!,
      groupId: `${applicationId}.restore-${process.pid}-${Date.now().toString(36)}`,
      topics: [ctx.changelogTopic],
      fetchMaxBytes: tuning.restoreFetchMaxBytes,
    });
    ctx.delivery =
      options.delivery === 'exactly-once'
        ? createExactlyOnceDelivery({
            kafka,
            logger,
            transactionalIdPrefix: `${applicationId}-${processor.name}`,
            transactionTimeoutMs: tuning.transactionTimeoutMs,
            maxRequestBytes: tuning.maxRequestBytes,
          })
        : createAtLeastOnceDelivery({ kafka, logger, maxRequestBytes: tuning.maxRequestBytes, membershipHeld: () => ctx.mayWrite() });
    await groupConsumer.start();
    intervals.push(setInterval(groupConsumer.check, groupConsumer.checkEveryMs));
    intervals.push(setInterval(wallClock.checkWallClock, tuning.wallClockCheckIntervalMs));
    intervals.push(setInterval(() => expireTableCatchUps(ctx), tuning.wallClockCheckIntervalMs));
    if (ctx.clockLeaderGroups.length > 0) {
      const leader = createClockLeaderWatch(ctx, wallClock.checkClock);
      intervals.push(setInterval(leader.poll, tuning.clockLeaderPollMs));
    }
    // A fifth of the interval: a commit is at most that late when no batch comes to make it (exactly-once outputs wait for it).
    intervals.push(setInterval(wallClock.checkCommits, Math.max(10, Math.min(ctx.commitIntervalMs / 5, 1_000))));
    ctx.started = true;
  };

  const stop = async () => {
    if (ctx.stopping) return;
    ctx.stopping = true;
    for (const interval of intervals) clearInterval(interval);
    logger.info('stopping: committing the work taken up, leaving the group');
    // The running batch ends at its current chunk (it checks `stopping`); its work is committed here.
    await wallClock.commitAll();
    await ctx.consumer?.disconnect().catch((error: unknown) => logger.warn({ err: error }, 'consumer disconnect failed'));
    await Promise.allSettled([...ctx.runs.values()].map((run) => run.drained()));
    await ctx.reader?.stop().catch((error: unknown) => logger.warn({ err: error }, 'changelog reader stop failed'));
    await ctx.delivery?.close().catch((error: unknown) => logger.warn({ err: error }, 'closing producers failed'));
    await ctx.admin?.disconnect().catch(() => {});
    for (const run of ctx.runs.values()) run.task.clear();
    ctx.runs.clear();
    logger.info('stopped');
  };

  return {
    changelogTopic: ctx.changelogTopic,
    failure: ctx.failure,
    start,
    stop,
    health: createRuntimeHealth(ctx),
  };
}
