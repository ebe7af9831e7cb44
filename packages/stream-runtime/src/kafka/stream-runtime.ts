import type { InputDecoder, RawRecord } from '@churnwatch/contracts';
import { isRetriable } from '@churnwatch/errors';
import type { HealthProbe, Logger } from '@churnwatch/telemetry';
import type { Admin, Batch, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Registry } from 'prom-client';
import { StreamTask } from '../core/stream-task.ts';
import { defaultMaxRecentEventIds } from '../defaults.ts';
import { BrokerUnavailableError, ProcessorError, RestoreAbortedError, TopologyError } from '../errors.ts';
import type { OutputRecord, Processor } from '../processor.ts';
import { decodeEntry, decodeStreamTime, streamTimeKey } from '../store/changelog-codec.ts';
import { memoryStores, type StoreFactory } from '../store/key-value-store.ts';
import { createAtLeastOnceDelivery } from './at-least-once.ts';
import { backoffMs, sleep } from './backoff.ts';
import { type ChangelogReader, createChangelogReader } from './changelog-reader.ts';
import { ChunkBuilder, type OutputRoute } from './chunk-builder.ts';
import { coPartitionedAssigner } from './co-partitioned-assigner.ts';
import { type CommitOffsets, type Delivery, DeliveryError } from './delivery.ts';
import { createExactlyOnceDelivery } from './exactly-once.ts';
import { jsonEncoder, type ValueEncoder } from './outgoing.ts';
import { PartitionRun } from './partition-run.ts';
import { createRuntimeMetrics, type RuntimeMetrics } from './runtime-metrics.ts';
import { prepareTopics } from './topics.ts';

export type DeliveryMode = 'at-least-once' | 'exactly-once';

export interface InputBinding {
  readonly topic: string;
  readonly decode: InputDecoder;
}

export interface OutputBinding {
  readonly topic: string;
  readonly encode?: ValueEncoder;
}

/** Tuning with defaults; see defaultTuning. */
export interface RuntimeTuning {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** Records plus timer firings per chunk; each chunk is one commit (one transaction in exactly-once mode). */
  readonly maxWorkPerChunk: number;
  readonly wallClockCheckIntervalMs: number;
  /**
   * Wall-clock timers of a partition wait while its stream time is further behind the wall clock
   * than this and records keep coming (see PartitionRun.catchingUp)…
   */
  readonly wallClockHoldWhileBehindMs: number;
  /** …that is, while its last batch is at most this old. */
  readonly wallClockHoldIdleMs: number;
  /**
   * A chunk's records go to Kafka in produce requests of at most this many bytes: a broker refuses
   * a record batch above its `max.message.bytes` (1 MiB by default).
   */
  readonly maxRequestBytes: number;
  readonly maxRecentEventIds: number;
  readonly transactionTimeoutMs: number;
  /** For the changelog topic when it is created; -1 is the broker's default. */
  readonly replicationFactor: number;
  /** How long start-up keeps retrying an unreachable broker before giving up. */
  readonly startupTimeoutMs: number;
  /** /healthz turns false when neither the consumer nor a restore showed activity for this long. */
  readonly livenessTimeoutMs: number;
  /** Consecutive consumer crashes without progress before the runtime gives up. */
  readonly maxConsumerRestarts: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  readonly maxWaitTimeMs: number;
}

export const defaultTuning: RuntimeTuning = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  maxWorkPerChunk: 2_000,
  wallClockCheckIntervalMs: 1_000,
  wallClockHoldWhileBehindMs: 60_000,
  wallClockHoldIdleMs: 5_000,
  maxRequestBytes: 512 * 1024,
  maxRecentEventIds: defaultMaxRecentEventIds,
  transactionTimeoutMs: 60_000,
  replicationFactor: -1,
  startupTimeoutMs: 300_000,
  livenessTimeoutMs: 120_000,
  maxConsumerRestarts: 10,
  retryInitialMs: 200,
  retryMaxMs: 10_000,
  maxWaitTimeMs: 500,
};

export interface StreamRuntimeOptions<S, E> {
  readonly kafka: Kafka;
  /** For log lines only (kafkajs does not tell which brokers a client was given). */
  readonly brokers?: readonly string[];
  /** Consumer group id; prefixes the changelog topic and the transactional ids. */
  readonly applicationId: string;
  readonly processor: Processor<S, E>;
  /** One binding per logical input of the processor. */
  readonly inputs: Readonly<Record<string, InputBinding>>;
  /** One binding per logical output of the processor. */
  readonly outputs: Readonly<Record<string, OutputBinding>>;
  readonly deadLetterTopic: string;
  readonly delivery: DeliveryMode;
  readonly logger: Logger;
  readonly registry: Registry;
  /** The wall clock, for wall-clock timers only (default Date.now). */
  readonly clock?: () => number;
  readonly stores?: StoreFactory;
  /** Default `<applicationId>.<processor name>-changelog`. */
  readonly changelogTopic?: string;
  readonly tuning?: Partial<RuntimeTuning>;
  /**
   * Called with a chunk's processor outputs once they are durable (committed), e.g. to count alerts
   * by kind. It runs on the processing path: keep it cheap, and it must not throw.
   */
  readonly onOutputsCommitted?: (outputs: readonly OutputRecord[]) => void;
}

export interface StreamRuntime {
  readonly changelogTopic: string;
  readonly health: HealthProbe;
  /** Connects (retrying an unreachable broker), checks topics, joins the group. */
  start(): Promise<void>;
  /** Stops timers, finishes and commits the current chunk, leaves the group, closes clients. */
  stop(): Promise<void>;
  /** Settles with the error that made the runtime give up (a processor bug, a consumer that will not restart). */
  readonly failure: Promise<Error>;
}

export function changelogTopicName(applicationId: string, processorName: string): string {
  return `${applicationId}.${processorName}-changelog`;
}

class StopRequested extends Error {}

/** Runs one processor on Kafka with changelog-backed state, durable timers and the chosen delivery guarantee. */
export function createStreamRuntime<S, E>(options: StreamRuntimeOptions<S, E>): StreamRuntime {
  const { kafka, applicationId, processor, logger } = options;
  const tuning: RuntimeTuning = { ...defaultTuning, ...options.tuning };
  const clock = options.clock ?? Date.now;
  const stores = options.stores ?? memoryStores;
  const changelogTopic = options.changelogTopic ?? changelogTopicName(applicationId, processor.name);
  const brokers = options.brokers?.join(',') ?? 'the configured brokers';

  for (const input of processor.inputs) if (!options.inputs[input]) throw new TopologyError(`no topic bound to input "${input}" of ${processor.name}`);
  for (const output of processor.outputs) if (!options.outputs[output]) throw new TopologyError(`no topic bound to output "${output}" of ${processor.name}`);
  const inputByTopic = new Map(processor.inputs.map((input) => [options.inputs[input]!.topic, { input, decode: options.inputs[input]!.decode }]));
  const inputTopics = [...inputByTopic.keys()];
  const routes = new Map<string, OutputRoute>(
    processor.outputs.map((output) => [output, { topic: options.outputs[output]!.topic, encode: options.outputs[output]!.encode ?? jsonEncoder }]),
  );

  const runs = new Map<number, PartitionRun<S>>();
  let admin: Admin | undefined;
  let consumer: Consumer | undefined;
  let reader: ChangelogReader | undefined;
  let delivery: Delivery | undefined;
  let wallTimer: NodeJS.Timeout | undefined;
  let started = false;
  let joined = false;
  let rebalancing = false;
  let stopping = false;
  let memberId: string | undefined;
  let lastActivity = Date.now();
  let crashesWithoutProgress = 0;
  let failed: Error | undefined;
  let reportFailure: (error: Error) => void = () => {};
  const failure = new Promise<Error>((resolve) => {
    reportFailure = resolve;
  });
  const touch = () => {
    lastActivity = Date.now();
  };

  const fail = (error: Error) => {
    if (failed) return;
    failed = error;
    logger.fatal({ err: error }, `stream runtime gave up: ${error.message}`);
    reportFailure(error);
  };

  const metrics: RuntimeMetrics = createRuntimeMetrics(options.registry, () => {
    let size = 0;
    for (const run of runs.values()) size += run.task.store.size;
    return size;
  });

  // ---- partitions: initialise (fence, restore, committed offsets), revoke ----

  const initialise = async (run: PartitionRun<S>): Promise<void> => {
    const { partition, task } = run;
    for (let attempt = 1; ; attempt++) {
      if (run.revoked || stopping) throw new RestoreAbortedError('partition revoked', { partition });
      try {
        run.status = 'initializing';
        await delivery!.openPartition(partition);
        task.clear();
        const restored = await reader!.restore(changelogTopic, partition, (messages: readonly KafkaMessage[]) => {
          touch();
          for (const message of messages) {
            const key = message.key?.toString('utf8') ?? '';
            if (key === streamTimeKey) {
              if (message.value) task.loadStreamTime(decodeStreamTime(message.value));
            } else {
              task.load(key, message.value ? (decodeEntry(message.value) as never) : undefined);
            }
          }
        });
        metrics.restoreDuration.observe(restored.durationMs / 1000);
        metrics.restoredRecords.inc(restored.records);
        const committed = await admin!.fetchOffsets({ groupId: applicationId, topics: inputTopics });
        run.startOffsets = new Map(
          committed.map(({ topic, partitions }) => {
            const offset = partitions.find((p) => p.partition === partition)?.offset;
            return [topic, offset === undefined || offset === '-1' ? undefined : offset];
          }),
        );
        run.checkedTopics.clear();
        run.status = 'ready';
        logger.info(
          { partition, keys: task.store.size, changelogRecords: restored.records, restoreMs: Math.round(restored.durationMs), streamTimeMs: task.streamTimeMs },
          'partition restored',
        );
        return;
      } catch (error) {
        if (run.revoked || stopping) throw error;
        const waitMs = backoffMs(attempt, tuning.retryInitialMs, tuning.retryMaxMs);
        logger.warn({ err: error, partition, attempt }, `initialising partition ${partition} failed; retrying in ${waitMs} ms`);
        await sleep(waitMs);
      }
    }
  };

  const startInitialising = (run: PartitionRun<S>, delayMs = 0) => {
    run.status = 'initializing';
    run.ready = (async () => {
      if (delayMs) await sleep(delayMs);
      await run.serially(() => initialise(run));
    })();
    run.ready.catch(() => {});
  };

  const revoke = (run: PartitionRun<S>) => {
    run.revoked = true;
    runs.delete(run.partition);
    reader?.cancel(changelogTopic, run.partition);
    for (const topic of inputTopics) metrics.lag.remove({ topic, partition: String(run.partition) });
    void run
      .drained()
      .then(() => run.ready.catch(() => {}))
      .then(async () => {
        run.task.clear();
        // Only close the producer if the partition did not come back meanwhile.
        if (!runs.has(run.partition)) await delivery?.closePartition(run.partition);
      })
      .catch((error: unknown) => logger.warn({ err: error, partition: run.partition }, 'closing a revoked partition failed'));
  };

  const onGroupJoin = (payload: { memberId: string; memberAssignment: Record<string, number[]> }) => {
    touch();
    const assigned = new Set<number>();
    for (const topic of inputTopics) for (const partition of payload.memberAssignment[topic] ?? []) assigned.add(partition);
    // A new member id means this instance was out of the group: someone else may have written its partitions.
    const sameMember = payload.memberId === memberId;
    memberId = payload.memberId;
    for (const run of [...runs.values()]) if (!sameMember || !assigned.has(run.partition)) revoke(run);
    for (const partition of [...assigned].sort((a, b) => a - b)) {
      if (runs.has(partition)) continue;
      const task = new StreamTask<S>({
        processor: processor as Processor<S, unknown>,
        store: stores(`${processor.name}-${partition}`),
        maxRecentEventIds: tuning.maxRecentEventIds,
      });
      const run = new PartitionRun(partition, task);
      runs.set(partition, run);
      startInitialising(run);
    }
    metrics.assignedPartitions.set(runs.size);
    joined = true;
    rebalancing = false;
    logger.info({ memberId, partitions: [...assigned].sort((a, b) => a - b) }, 'joined the consumer group');
  };

  // ---- committing a chunk ----

  const commitChunk = async (
    run: PartitionRun<S>,
    builder: ChunkBuilder,
    offsets: CommitOffsets | undefined,
    commitConsumerOffsets: (offsets: CommitOffsets) => Promise<void>,
    startedAt: number,
    clockName: 'stream' | 'wall',
  ): Promise<void> => {
    const chunk = builder.build(run.partition, changelogTopic, run.task.changes(), offsets);
    try {
      await delivery!.deliver(run.partition, chunk, commitConsumerOffsets);
    } catch (error) {
      run.task.rollback();
      metrics.deliveryFailures.inc();
      if (delivery!.mode === 'exactly-once') metrics.transactionsAborted.inc();
      throw error;
    }
    run.task.commit();
    logger.debug(
      { partition: run.partition, offsets: offsets?.topics[0]?.partitions[0]?.offset, outputs: builder.outgoing.count, clock: clockName },
      'chunk committed',
    );
    touch();
    crashesWithoutProgress = 0;
    if (delivery!.mode === 'exactly-once') metrics.transactionsCommitted.inc();
    for (const [topic, count] of builder.outgoing.countsByTopic()) metrics.outputs.inc({ topic }, count);
    if (options.onOutputsCommitted && builder.outputs.length) options.onOutputsCommitted(builder.outputs);
    for (const { topic, reason } of builder.deadLetterReasons) metrics.deadLetters.inc({ topic, reason });
    if (builder.timersFired) metrics.timersFired.inc({ clock: clockName }, builder.timersFired);
    metrics.latency.observe((performance.now() - startedAt) / 1000);
  };

  /** After a failed delivery: in exactly-once mode the partition is re-read (fence, restore, offsets) before going on. */
  const recover = (run: PartitionRun<S>, error: unknown) => {
    logger.warn({ err: error, partition: run.partition }, 'a chunk could not be made durable; redoing it from the last commit');
    if (delivery!.mode === 'exactly-once' || (error instanceof DeliveryError && error.outcome === 'unknown')) {
      // Give a rebalance that fenced us the time to show up in a heartbeat before fencing back.
      startInitialising(run, 2 * tuning.heartbeatIntervalMs);
    }
  };

  // ---- records ----

  const decode = async (decoder: InputDecoder, raw: RawRecord, payload: EachBatchPayload) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await decoder(raw);
      } catch (error) {
        if (!isRetriable(error))
          throw new ProcessorError(`the decoder of ${raw.topic} threw a non-retriable error`, { topic: raw.topic, offset: raw.offset }, error);
        const waitMs = backoffMs(attempt, tuning.retryInitialMs, tuning.retryMaxMs);
        logger.warn({ err: error, topic: raw.topic, partition: raw.partition, offset: raw.offset, attempt }, `decoding failed; retrying in ${waitMs} ms`);
        await sleep(waitMs);
        if (!payload.isRunning() || stopping) throw new StopRequested();
        await payload.heartbeat();
      }
    }
  };

  const toRaw = (batch: Batch, message: KafkaMessage): RawRecord => ({
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
    timestamp: message.timestamp,
  });

  const waitUntilReady = async (run: PartitionRun<S>, payload: EachBatchPayload): Promise<boolean> => {
    while (run.status !== 'ready') {
      if (run.revoked || stopping || !payload.isRunning()) return false;
      await Promise.race([run.ready.catch(() => {}), sleep(1000)]);
      await payload.heartbeat();
    }
    return !run.revoked;
  };

  const processBatch = async (run: PartitionRun<S>, payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const binding = inputByTopic.get(batch.topic)!;
    const commitConsumerOffsets = (offsets: CommitOffsets) => payload.commitOffsetsIfNecessary({ topics: offsets.topics as never });
    const messages = batch.messages;
    let index = 0;
    while (index < messages.length) {
      if (!payload.isRunning() || payload.isStale() || run.revoked || run.status !== 'ready' || failed) return;
      const startedAt = performance.now();
      const builder = new ChunkBuilder(routes, options.deadLetterTopic);
      const chunkStart = index;
      let lastOffset: string | undefined;
      let work = 0;
      try {
        while (index < messages.length && work < tuning.maxWorkPerChunk) {
          const message = messages[index]!;
          const raw = toRaw(batch, message);
          const decoded = await decode(binding.decode, raw, payload);
          if (!decoded.ok) {
            builder.addDeadLetter(raw, decoded.deadLetter);
          } else {
            // Timers due before the record fire first, within this chunk's bound of work.
            if (run.task.movesStreamTime(binding.input)) {
              const fired = run.task.advanceStreamTime(Math.max(run.task.streamTimeMs, decoded.eventTimeMs), tuning.maxWorkPerChunk - work);
              builder.addOutputs(fired.outputs);
              builder.timersFired += fired.fired;
              work += fired.fired;
              if (!fired.done) break;
            }
            const outcome = run.task.process({
              input: binding.input,
              key: decoded.key,
              value: decoded.value,
              eventTimeMs: decoded.eventTimeMs,
              ...(decoded.eventId === undefined ? {} : { eventId: decoded.eventId }),
            });
            builder.addOutputs(outcome.outputs);
            if (outcome.duplicate) builder.duplicates++;
            else builder.recordsProcessed++;
          }
          lastOffset = message.offset;
          work++;
          index++;
        }
        if (builder.isEmpty && lastOffset === undefined) continue;
        const offsets =
          lastOffset === undefined
            ? undefined
            : {
                groupId: applicationId,
                topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() }] }],
              };
        await commitChunk(run, builder, offsets, commitConsumerOffsets, startedAt, 'stream');
      } catch (error) {
        run.task.rollback();
        if (error instanceof StopRequested) return;
        if (error instanceof ProcessorError) {
          fail(error);
          return;
        }
        if (!(error instanceof DeliveryError)) throw error;
        if (error.permanent) {
          fail(error);
          return;
        }
        recover(run, error);
        if (run.status !== 'ready') return;
        index = chunkStart;
        await sleep(tuning.retryInitialMs);
        await payload.heartbeat();
        continue;
      }
      const consumedCount = index - chunkStart;
      if (consumedCount > 0) metrics.consumed.inc({ topic: batch.topic }, consumedCount);
      if (builder.recordsProcessed) metrics.processed.inc({ topic: batch.topic }, builder.recordsProcessed);
      if (builder.duplicates) metrics.duplicates.inc({ topic: batch.topic }, builder.duplicates);
      if (lastOffset !== undefined) {
        payload.resolveOffset(lastOffset);
        metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(lastOffset) - 1n)));
      }
      await payload.heartbeat();
    }
  };

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    touch();
    const { batch } = payload;
    const run = runs.get(batch.partition);
    if (!run || run.revoked || failed) return;
    if (!(await waitUntilReady(run, payload))) return;
    if (!run.checkedTopics.has(batch.topic)) {
      // Offsets resolved before this instance fenced the partition may be stale: start from what is committed now.
      run.checkedTopics.add(batch.topic);
      const start = run.startOffsets.get(batch.topic);
      const fetched = (batch as unknown as { fetchedOffset: string }).fetchedOffset;
      if (start !== undefined && start !== fetched) {
        consumer!.seek({ topic: batch.topic, partition: batch.partition, offset: start });
        return;
      }
    }
    await run.serially(async () => {
      try {
        await processBatch(run, payload);
      } finally {
        run.lastBatchDoneAtMs = clock();
      }
    });
  };

  // ---- wall clock ----

  const fireWallTimers = async (run: PartitionRun<S>) => {
    for (;;) {
      if (run.revoked || run.status !== 'ready' || stopping || rebalancing || failed) return;
      // Checked again here: the batch queued before this firing may have shown more history to read.
      const now = clock();
      if (run.catchingUp(now, tuning.wallClockHoldWhileBehindMs, tuning.wallClockHoldIdleMs)) return;
      const startedAt = performance.now();
      const builder = new ChunkBuilder(routes, options.deadLetterTopic);
      try {
        const fired = run.task.fireWallTimers(now, tuning.maxWorkPerChunk);
        if (fired.fired === 0) return;
        logger.debug(
          { partition: run.partition, fired: fired.fired, streamTimeMs: run.task.streamTimeMs, sinceLastBatchMs: now - run.lastBatchDoneAtMs },
          'wall-clock timers fired',
        );
        builder.addOutputs(fired.outputs);
        builder.timersFired = fired.fired;
        await commitChunk(run, builder, undefined, async () => {}, startedAt, 'wall');
        if (fired.done) return;
      } catch (error) {
        run.task.rollback();
        if (error instanceof ProcessorError || (error instanceof DeliveryError && error.permanent)) fail(error as Error);
        else recover(run, error);
        return;
      }
    }
  };

  const checkWallClock = () => {
    if (stopping || rebalancing || failed) return;
    const now = clock();
    for (const run of runs.values()) {
      if (run.status !== 'ready' || run.revoked || run.catchingUp(now, tuning.wallClockHoldWhileBehindMs, tuning.wallClockHoldIdleMs)) continue;
      const due = run.task.nextWallTimerAtMs();
      if (due !== undefined && due <= now) void run.serially(() => fireWallTimers(run));
    }
  };

  // ---- life cycle ----

  /** One bounded attempt: kafkajs' own connection retries can otherwise keep a single attempt busy for minutes. */
  const attemptTopics = async (timeoutMs: number): Promise<number> => {
    admin = kafka.admin({ retry: { retries: 1, initialRetryTime: 200 } });
    const attempt = (async () => {
      await admin!.connect();
      return prepareTopics(admin!, {
        inputs: inputTopics,
        outputs: [...new Set([...[...routes.values()].map((route) => route.topic), options.deadLetterTopic])],
        changelog: changelogTopic,
        replicationFactor: tuning.replicationFactor,
      });
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    attempt.catch(() => {});
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const connectWithRetry = async () => {
    const deadline = Date.now() + tuning.startupTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptTopics(Math.max(1_000, Math.min(15_000, (deadline - Date.now()) / 3)));
      } catch (error) {
        await admin?.disconnect().catch(() => {});
        if (error instanceof TopologyError) throw error;
        const waitMs = backoffMs(attempt, tuning.retryInitialMs * 5, tuning.retryMaxMs);
        if (Date.now() + waitMs > deadline) {
          throw new BrokerUnavailableError(`Kafka was not reachable within ${tuning.startupTimeoutMs} ms: ${(error as Error).message}`, error);
        }
        logger.warn(
          { err: error, attempt, retryInMs: waitMs, brokers },
          `Kafka is not reachable at ${brokers}: ${(error as Error).message}; retrying in ${waitMs} ms`,
        );
        await sleep(waitMs);
      }
    }
  };

  const start = async () => {
    const partitions = await connectWithRetry();
    logger.info({ inputs: inputTopics, partitions, changelogTopic, delivery: options.delivery }, 'topics checked');
    reader = createChangelogReader({
      kafka,
      admin: admin!,
      groupId: `${applicationId}.restore-${process.pid}-${Date.now().toString(36)}`,
      topics: [changelogTopic],
    });
    delivery =
      options.delivery === 'exactly-once'
        ? createExactlyOnceDelivery({
            kafka,
            logger,
            transactionalIdPrefix: `${applicationId}-${processor.name}`,
            transactionTimeoutMs: tuning.transactionTimeoutMs,
            maxRequestBytes: tuning.maxRequestBytes,
          })
        : createAtLeastOnceDelivery({ kafka, logger, maxRequestBytes: tuning.maxRequestBytes });
    const created = kafka.consumer({
      groupId: applicationId,
      partitionAssigners: [coPartitionedAssigner(() => [...runs.keys()])],
      sessionTimeout: tuning.sessionTimeoutMs,
      heartbeatInterval: tuning.heartbeatIntervalMs,
      maxWaitTimeInMs: tuning.maxWaitTimeMs,
      readUncommitted: false,
      retry: {
        retries: 8,
        restartOnFailure: async () => !stopping && !failed,
      },
    });
    consumer = created;
    created.on(created.events.GROUP_JOIN, ({ payload }) => onGroupJoin(payload));
    created.on(created.events.REBALANCING, () => {
      rebalancing = true;
      touch();
    });
    created.on(created.events.HEARTBEAT, touch);
    created.on(created.events.FETCH, touch);
    created.on(created.events.CRASH, ({ payload }) => {
      metrics.consumerCrashes.inc({ restart: String(payload.restart) });
      logger.error({ err: payload.error, restart: payload.restart }, 'the Kafka consumer crashed');
      joined = false;
      if (stopping) return;
      crashesWithoutProgress++;
      if (!payload.restart) fail(new Error(`the Kafka consumer crashed and will not restart: ${payload.error.message}`, { cause: payload.error }));
      else if (crashesWithoutProgress > tuning.maxConsumerRestarts)
        fail(new Error(`the Kafka consumer crashed ${crashesWithoutProgress} times without progress: ${payload.error.message}`, { cause: payload.error }));
    });
    await created.connect();
    await created.subscribe({ topics: inputTopics, fromBeginning: true });
    await created.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1, eachBatch });
    wallTimer = setInterval(checkWallClock, tuning.wallClockCheckIntervalMs);
    started = true;
  };

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (wallTimer) clearInterval(wallTimer);
    logger.info('stopping: finishing the current chunk, leaving the group');
    // disconnect() waits for the running batch, which ends after committing its current chunk.
    await consumer?.disconnect().catch((error: unknown) => logger.warn({ err: error }, 'consumer disconnect failed'));
    await Promise.allSettled([...runs.values()].map((run) => run.drained()));
    await reader?.stop().catch((error: unknown) => logger.warn({ err: error }, 'changelog reader stop failed'));
    await delivery?.close().catch((error: unknown) => logger.warn({ err: error }, 'closing producers failed'));
    await admin?.disconnect().catch(() => {});
    for (const run of runs.values()) run.task.clear();
    runs.clear();
    logger.info('stopped');
  };

  return {
    changelogTopic,
    failure,
    start,
    stop,
    health: {
      alive: () => !failed && (!started || Date.now() - lastActivity < tuning.livenessTimeoutMs),
      ready: () => started && joined && !rebalancing && !stopping && !failed && [...runs.values()].every((run) => run.status === 'ready'),
    },
  };
}
