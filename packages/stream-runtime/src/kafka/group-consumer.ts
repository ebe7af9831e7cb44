import type { Consumer, EachBatchPayload } from 'kafkajs';
import { ConsumerFailedError, RetiredConsumerError } from '../errors.ts';
import { coPartitionedAssigner } from './co-partitioned-assigner.ts';
import { ConsumerWatchdog } from './consumer-watchdog.ts';
import type { PartitionLifecycle } from './partition-lifecycle.ts';
import { withinMs } from './retry.ts';
import type { RuntimeContext } from './runtime-context.ts';
import { advanceTableCatchUp } from './table-catch-up.ts';

export interface GroupConsumer {
  /** Creates the consumer, joins the group and starts the batch loop. */
  start(): Promise<Consumer>;
  /** Called every `checkEveryMs`: replaces a consumer the watchdog finds stalled. */
  check(): void;
  readonly checkEveryMs: number;
}

/**
 * The consumer group member of one runtime, and its replacement when it stalls (see
 * consumer-watchdog.ts). A replaced consumer is retired: its events are ignored, its batches
 * refused and it is not restarted, so that it cannot act beside its successor even if it never
 * manages to leave. Its partitions are revoked at once; the successor, a new member, is assigned
 * them again and restores them from their changelogs.
 */
export function createGroupConsumer<S>(
  ctx: RuntimeContext<S>,
  lifecycle: PartitionLifecycle<S>,
  eachBatch: (payload: EachBatchPayload) => Promise<void>,
): GroupConsumer {
  const { kafka } = ctx.options;
  const { tuning, logger, metrics } = ctx;
  const checkEveryMs = Math.max(100, Math.min(5_000, tuning.consumerStallMs / 10));
  const watchdog = new ConsumerWatchdog(tuning.consumerStallMs, checkEveryMs);
  let replacing = false;

  const start = async (): Promise<Consumer> => {
    const consumer: Consumer = kafka.consumer({
      groupId: ctx.applicationId,
      partitionAssigners: [coPartitionedAssigner(() => [...ctx.runs.keys()])],
      sessionTimeout: tuning.sessionTimeoutMs,
      heartbeatInterval: tuning.heartbeatIntervalMs,
      maxWaitTimeInMs: tuning.maxWaitTimeMs,
      readUncommitted: false,
      retry: {
        retries: 8,
        restartOnFailure: async () => ctx.working && ctx.consumer === consumer,
      },
    });
    ctx.consumer = consumer;
    watchdog.seen();
    /**
     * Events of this consumer while it is the current one. The group's answers (a join, a
     * heartbeat) are its signs of life. A fetch is not: a consumer can go on fetching while its
     * heartbeats fail. Nor is a rebalance or a crash: a consumer can rebalance, or crash and be
     * restarted, again and again without ever getting back into the group.
     */
    const own =
      <T>(handler: (payload: T) => void, signOfLife = false) =>
      ({ payload }: { payload: T }) => {
        if (ctx.consumer !== consumer) return;
        if (signOfLife) watchdog.seen();
        handler(payload);
      };
    consumer.on(
      consumer.events.GROUP_JOIN,
      own((payload) => lifecycle.onGroupJoin(payload), true),
    );
    consumer.on(
      consumer.events.REBALANCING,
      own(() => {
        ctx.rebalancing = true;
        ctx.touch();
      }),
    );
    consumer.on(
      consumer.events.HEARTBEAT,
      own(() => {
        ctx.membership.confirm();
        ctx.touch();
      }, true),
    );
    consumer.on(
      consumer.events.FETCH,
      own(() => ctx.touch()),
    );
    consumer.on(
      consumer.events.FETCH_START,
      own((payload) => ctx.fetchCycles.started(payload.nodeId, performance.now())),
    );
    // A batch of transaction markers only never reaches eachBatch; its offsets still count (table catch-up, clock gate).
    consumer.on(
      consumer.events.END_BATCH_PROCESS,
      own((payload) => {
        const run = payload.batchSize === 0 ? ctx.runs.get(payload.partition) : undefined;
        if (!run) return;
        const next = BigInt(payload.lastOffset) + 1n;
        if (run.tablesBehind.size) advanceTableCatchUp(ctx, run, payload.topic, next);
        if (ctx.ownStreamTopics.includes(payload.topic)) run.clockGate.read(payload.topic, next, BigInt(payload.highWatermark));
      }),
    );
    consumer.on(
      consumer.events.CRASH,
      own((payload) => {
        metrics.consumerCrashes.inc({ restart: String(payload.restart) });
        logger.error({ err: payload.error, restart: payload.restart }, 'the Kafka consumer crashed');
        ctx.joined = false;
        ctx.membership.end();
        if (ctx.stopping) return;
        if (!payload.restart) ctx.fail(new ConsumerFailedError(`the Kafka consumer crashed and will not restart: ${payload.error.message}`, payload.error));
        else countRestart((restarts) => `the Kafka consumer crashed ${restarts} times without progress: ${payload.error.message}`, payload.error);
      }),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [...ctx.inputTopics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently,
      eachBatch: (payload) => (ctx.consumer === consumer ? eachBatch(payload) : Promise.reject(new RetiredConsumerError())),
    });
    return consumer;
  };

  /** A crash or a replacement without progress in between; too many for too long and the runtime gives up (restart-budget.ts). */
  const countRestart = (message: (restarts: number) => string, cause: unknown): boolean => {
    if (ctx.restarts.spend()) return true;
    ctx.fail(new ConsumerFailedError(message(ctx.restarts.restarts), cause));
    return false;
  };

  const replace = async (silentMs: number) => {
    metrics.consumerReplacements.inc();
    logger.warn(
      { silentMs, joined: ctx.joined, memberId: ctx.memberId },
      `the Kafka consumer showed no sign of life for ${Math.round(silentMs / 1000)} s: replacing it with a new member`,
    );
    if (!countRestart((restarts) => `the Kafka consumer stalled or crashed ${restarts} times without progress`, undefined)) return;
    const retired = ctx.consumer;
    ctx.consumer = undefined;
    ctx.joined = false;
    ctx.memberId = undefined;
    ctx.membership.end();
    lifecycle.revokeAll();
    // A consumer stuck in a request may never finish leaving; the coordinator then expires it after the session timeout.
    await withinMs(retired?.disconnect() ?? Promise.resolve(), tuning.sessionTimeoutMs, 'leaving the group').catch((error: unknown) =>
      logger.warn({ err: error }, 'the stalled consumer did not leave the group; the coordinator expires its session'),
    );
    if (!ctx.working) return;
    const successor = await start();
    // Stopped meanwhile: stop() may have disconnected it before it ran.
    if (ctx.stopping) await successor.disconnect();
  };

  return {
    start,
    checkEveryMs,
    check() {
      const silentMs = watchdog.check();
      if (silentMs === undefined || replacing || !ctx.working) return;
      replacing = true;
      void replace(silentMs)
        // Counted as a restart already: the next stall tries again, until too many give up.
        .catch((error: unknown) => logger.error({ err: error }, 'starting a new Kafka consumer failed; the next stall tries again'))
        .finally(() => {
          replacing = false;
          watchdog.seen();
        });
    },
  };
}
