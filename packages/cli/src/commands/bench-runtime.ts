import { parseArgs } from 'node:util';
import { LocalKafka } from '@churnwatch/local-kafka';
import { changelogTopicName, createStreamRuntime, type DeliveryMode, encodeChangelogEntry, type Processor } from '@churnwatch/stream-runtime';
import { createLogger, createMetricsRegistry } from '@churnwatch/telemetry';
import { Kafka, logLevel } from 'kafkajs';
import type { Command } from '../commands.ts';

type Registry = ReturnType<typeof createMetricsRegistry>;

/**
 * Throughput of the stream runtime against a bare kafkajs consumer on the same topic, in one run;
 * exactly-once against at-least-once; and the time to restore the state of many customers from a
 * changelog. Prints figures, asserts nothing. Starts its own local broker unless --brokers is given.
 */

interface BenchEvent {
  readonly amount: number;
}

/** The trivial processor: a running count per customer, no outputs. */
const counting: Processor<number, BenchEvent> = {
  name: 'bench-count',
  inputs: ['events'],
  outputs: [],
  process: (state) => ({ state: (state ?? 0) + 1 }),
  onTimer: (state) => ({ state }),
};

const quietLogger = () => createLogger({ service: 'bench-runtime', level: 'error' });

async function createTopic(kafka: Kafka, topic: string, partitions: number, compacted = false): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [] }],
  });
  await admin.disconnect();
}

async function produce(kafka: Kafka, topic: string, count: number, message: (i: number) => { key: string; value: string; partition?: number }): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const batch = 5_000;
  for (let i = 0; i < count; i += batch) {
    await producer.send({ topic, acks: 1, messages: Array.from({ length: Math.min(batch, count - i) }, (_, j) => message(i + j)) });
  }
  await producer.disconnect();
}

/** Seconds for a bare kafkajs consumer (eachBatch, nothing else) to read `count` records. */
async function bareConsumer(kafka: Kafka, topic: string, count: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 100 });
  let seen = 0;
  let started = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (started === 0) started = performance.now();
      seen += batch.messages.length;
      if (seen >= count) done();
    },
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await consumer.disconnect();
  return seconds;
}

/** A counter's total, or a histogram's sum. */
async function metricValue(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { type, values } = await metric.get();
  const relevant = String(type) === 'histogram' ? values.filter((v) => (v as { metricName?: string }).metricName === `${name}_sum`) : values;
  return relevant.reduce((sum, v) => sum + v.value, 0);
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Seconds for the runtime (trivial processor, state in its changelog) to process `count` records, from its first record. */
async function runtimeConsumer(kafka: Kafka, topic: string, count: number, delivery: DeliveryMode): Promise<number> {
  const registry = createMetricsRegistry('bench-runtime');
  const runtime = createStreamRuntime({
    kafka,
    applicationId: `bench-${delivery}-${process.pid}-${Date.now()}`,
    processor: counting,
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
    logger: quietLogger(),
    registry,
    tuning: { maxWaitTimeMs: 100 },
  });
  await runtime.start();
  const processed = () => metricValue(registry, 'churnwatch_records_consumed_total');
  await waitUntil(async () => (await processed()) > 0, 60_000, 'the first record');
  const started = performance.now();
  await waitUntil(async () => (await processed()) >= count, 600_000, `${count} records`);
  const seconds = (performance.now() - started) / 1000;
  await runtime.stop();
  return seconds;
}

/** Fills a one-partition changelog with `customers` entries, then times the runtime's restore of it. */
async function restore(kafka: Kafka, customers: number): Promise<{ seconds: number; heapMb: number }> {
  const applicationId = `bench-restore-${process.pid}-${Date.now()}`;
  const input = `${applicationId}-in`;
  await createTopic(kafka, input, 1);
  const changelog = changelogTopicName(applicationId, counting.name);
  await createTopic(kafka, changelog, 1, true);
  const now = Date.now();
  await produce(kafka, changelog, customers, (i) => ({
    key: `customer-${i}`,
    partition: 0,
    value: encodeChangelogEntry({
      state: { count: i % 97, total: String(i * 3), lastEventMs: now - i },
      timers: [{ name: 'silence', atMs: now + 86_400_000 + i, clock: 'wall' }],
      recentEventIds: [`event-${i}-a`, `event-${i}-b`],
    })!,
  }));
  const registry = createMetricsRegistry('bench-runtime');
  const heapBefore = process.memoryUsage().heapUsed;
  const runtime = createStreamRuntime({
    kafka,
    applicationId,
    processor: counting,
    inputs: { events: { topic: input, decode: () => ({ ok: true, key: 'x', value: { amount: 0 }, eventTimeMs: 0 }) } },
    outputs: {},
    deadLetterTopic: input,
    delivery: 'at-least-once',
    logger: quietLogger(),
    registry,
  });
  await runtime.start();
  await waitUntil(() => runtime.health.ready(), 600_000, 'the restore');
  const seconds = await metricValue(registry, 'churnwatch_restore_duration_seconds');
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  await runtime.stop();
  return { seconds, heapMb };
}

const command: Command = {
  summary: 'benchmark: stream runtime vs bare kafkajs, exactly-once vs at-least-once, restore of 1M customers',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        records: { type: 'string', default: '200000' },
        customers: { type: 'string', default: '20000' },
        partitions: { type: 'string', default: '3' },
        'restore-customers': { type: 'string', default: '1000000' },
        brokers: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      process.stdout.write(
        'usage: ./churnwatch bench-runtime [--records 200000] [--customers 20000] [--partitions 3] [--restore-customers 1000000] [--brokers host:port]\n\nThe stream runtime with a trivial processor against a bare kafkajs consumer on the same topic (a ratio), exactly-once\nagainst at-least-once, and the time to restore the state of --restore-customers customers. Starts its own broker unless --brokers is given.\n',
      );
      return 0;
    }
    const records = Number(values.records);
    const customers = Number(values.customers);
    const partitions = Number(values.partitions);
    const restoreCustomers = Number(values['restore-customers']);
    if (![records, customers, partitions, restoreCustomers].every((n) => Number.isInteger(n) && n > 0)) {
      process.stderr.write('usage: ./churnwatch bench-runtime [--records N] [--customers N] [--partitions N] [--restore-customers N] [--brokers host:port]\n');
      return 2;
    }
    const broker = values.brokers ? undefined : await LocalKafka.start();
    const brokers = values.brokers ? values.brokers.split(',') : [broker!.bootstrapServer];
    try {
      const kafka = new Kafka({ clientId: 'bench-runtime', brokers, logLevel: logLevel.NOTHING });
      const topic = `bench-runtime-${process.pid}-${Date.now()}`;
      await createTopic(kafka, topic, partitions);
      const startMs = Date.now() - 3_600_000;
      await produce(kafka, topic, records, (i) => ({
        key: `customer-${i % customers}`,
        value: JSON.stringify({ eventId: `e-${i}`, eventTimeMs: startMs + i, amount: i % 10 }),
      }));
      const line = (label: string, seconds: number) =>
        process.stdout.write(
          `${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(records / seconds)
            .toLocaleString('en-US')
            .padStart(10)} records/s\n`,
        );
      process.stdout.write(
        `${records.toLocaleString('en-US')} records, ${customers.toLocaleString('en-US')} customers, ${partitions} partitions, Kafka on ${brokers.join(',')}\n`,
      );
      const bare = await bareConsumer(kafka, topic, records);
      line('bare kafkajs consumer (eachBatch, no work)', bare);
      const alo = await runtimeConsumer(kafka, topic, records, 'at-least-once');
      line('runtime, trivial processor, at-least-once', alo);
      const eos = await runtimeConsumer(kafka, topic, records, 'exactly-once');
      line('runtime, trivial processor, exactly-once', eos);
      process.stdout.write(`throughput runtime (at-least-once) / bare kafkajs: ${(bare / alo).toFixed(2)}\n`);
      process.stdout.write(`throughput exactly-once / at-least-once:          ${(alo / eos).toFixed(2)}\n`);
      const restored = await restore(kafka, restoreCustomers);
      process.stdout.write(
        `restore of ${restoreCustomers.toLocaleString('en-US')} customers (one partition): ${restored.seconds.toFixed(2)} s, ${Math.round(restoreCustomers / restored.seconds).toLocaleString('en-US')} entries/s, heap +${Math.round(restored.heapMb)} MiB\n`,
      );
      return 0;
    } finally {
      await broker?.dispose();
    }
  },
};

export default command;
