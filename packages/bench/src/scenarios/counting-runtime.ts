import { changelogTopicName, createStreamRuntime, type DeliveryMode, encodeChangelogEntry, eventIdHash, type Processor } from '@churnwatch/stream-runtime';
import { createLogger, createMetricsRegistry } from '@churnwatch/telemetry';
import type { Kafka } from 'kafkajs';
import { metricValue } from '../kafka/metric-value.ts';
import { createTopic, produce } from '../kafka/topics.ts';
import { waitUntil } from '../kafka/wait.ts';

interface CountingEvent {
  readonly amount: number;
}

interface CountingState {
  readonly count: number;
  readonly sum: number;
}

/** The job the Kafka Streams peer does too: a count and a sum of `amount` per customer, kept in a changelogged store; no outputs. */
export const countingProcessor: Processor<CountingState, CountingEvent> = {
  name: 'bench-count',
  inputs: ['events'],
  outputs: [],
  process: (state, record) => ({ state: { count: (state?.count ?? 0) + 1, sum: (state?.sum ?? 0) + record.value.amount } }),
  onTimer: (state) => ({ state }),
};

export const quietLogger = (service: string) => createLogger({ service, level: 'error' });

/** Seconds for the runtime with the counting processor to process `count` records, from its first record. */
export async function countingRuntimeSeconds(kafka: Kafka, topic: string, count: number, delivery: DeliveryMode): Promise<number> {
  const registry = createMetricsRegistry('bench-runtime');
  const runtime = createStreamRuntime({
    kafka,
    applicationId: `bench-${delivery}-${process.pid}-${Date.now()}`,
    processor: countingProcessor,
    inputs: {
      events: {
        topic,
        decode: (raw) => {
          const value = JSON.parse(raw.value!.toString('utf8')) as { eventId: string; eventTimeMs: number; amount: number };
          return { ok: true, key: raw.key!.toString('utf8'), value: { amount: value.amount }, eventTimeMs: value.eventTimeMs, eventId: value.eventId };
        },
      },
    },
    outputs: {},
    deadLetterTopic: topic,
    delivery,
    logger: quietLogger('bench-runtime'),
    registry,
    tuning: { maxWaitTimeMs: 100 },
  });
  await runtime.start();
  try {
    const processed = () => metricValue(registry, 'churnwatch_records_consumed_total');
    await waitUntil(async () => (await processed()) > 0, 60_000, 'the first record');
    const started = performance.now();
    await waitUntil(async () => (await processed()) >= count, 1_800_000, `${count} records`);
    return (performance.now() - started) / 1000;
  } finally {
    await runtime.stop();
  }
}

/** Fills a one-partition changelog with `customers` counting entries, then times the runtime's restore of it. */
export async function countingRestore(kafka: Kafka, customers: number): Promise<{ seconds: number; heapMb: number }> {
  const applicationId = `bench-restore-${process.pid}-${Date.now()}`;
  const input = `${applicationId}-in`;
  await createTopic(kafka, input, 1);
  const changelog = changelogTopicName(applicationId, countingProcessor.name);
  await createTopic(kafka, changelog, 1, true);
  const now = Date.now();
  await produce(kafka, changelog, customers, (i) => ({
    key: `customer-${i}`,
    partition: 0,
    value: encodeChangelogEntry({
      state: { count: i % 97, sum: i * 3 },
      timers: [{ name: 'silence', atMs: now + 86_400_000 + i, clock: 'wall' }],
      recentEventHashes: [eventIdHash(`event-${i}-a`), eventIdHash(`event-${i}-b`)],
    })!,
  }));
  const registry = createMetricsRegistry('bench-runtime');
  const heapBefore = process.memoryUsage().heapUsed;
  const runtime = createStreamRuntime({
    kafka,
    applicationId,
    processor: countingProcessor,
    inputs: { events: { topic: input, decode: () => ({ ok: true, key: 'x', value: { amount: 0 }, eventTimeMs: 0 }) } },
    outputs: {},
    deadLetterTopic: input,
    delivery: 'at-least-once',
    logger: quietLogger('bench-runtime'),
    registry,
  });
  await runtime.start();
  try {
    await waitUntil(() => runtime.health.ready(), 600_000, 'the restore');
    const seconds = await metricValue(registry, 'churnwatch_restore_duration_seconds');
    return { seconds, heapMb: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024 };
  } finally {
    await runtime.stop();
  }
}
