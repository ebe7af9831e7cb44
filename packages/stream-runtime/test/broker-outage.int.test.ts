import { LocalKafka } from '@churnwatch/local-kafka';
import { uniqueName, waitFor } from '@churnwatch/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, expect, test } from 'vitest';
import { sleep } from '../src/kafka/retry.ts';
import {
  type CounterTopics,
  expectedOutputs,
  killAllServices,
  lastLines,
  makeEvents,
  metricsText,
  produceEvents,
  recentStartMs,
  startCounterService,
} from './harness.ts';

afterEach(killAllServices);

/** Everything on `topic` of this broker (read_committed), keyed by output id. */
async function readIds(kafka: Kafka, topic: string, wanted: ReadonlySet<string>, timeoutMs: number): Promise<Map<string, unknown[]>> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const seen = new Map<string, unknown[]>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = String(message.headers?.['churnwatch-id']);
        seen.set(id, [...(seen.get(id) ?? []), JSON.parse(String(message.value))]);
      },
    });
    await waitFor(() => ([...wanted].every((id) => seen.has(id)) ? true : undefined), `${wanted.size} outputs on ${topic} (have ${seen.size})`, timeoutMs, 250);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

/** What the broker goes through while the counter service works through the first half of the stream. */
type Outage = (broker: LocalKafka) => Promise<void>;

/** Stopped cleanly (connections refused), started again on the same port with its data. */
const restart: Outage = async (broker) => {
  await broker.stop();
  await sleep(5_000);
  await broker.start();
};

/**
 * Frozen (SIGSTOP): connections stay open and no request is answered, as with a broker in a long
 * pause or behind a network that drops packets. The consumer shows no sign of life for longer than
 * its stall setting, so the watchdog replaces it while the broker is still frozen.
 */
const FROZEN_MS = 30_000;
const freeze: Outage = async (broker) => {
  broker.freeze();
  try {
    await sleep(FROZEN_MS);
  } finally {
    broker.thaw();
  }
};

/** Nothing lost (nor, exactly once, repeated) across the outage; the second half is written once the broker is back. Returns the service's metrics. */
async function survivesOutage(delivery: 'at-least-once' | 'exactly-once', outage: Outage, env: Record<string, string> = {}): Promise<string> {
  const broker = await LocalKafka.start();
  try {
    const kafka = new Kafka({ clientId: uniqueName('outage-test'), brokers: [broker.bootstrapServer], logLevel: logLevel.NOTHING });
    const topics: CounterTopics = {
      events: uniqueName('events'),
      counts: uniqueName('counts'),
      silences: uniqueName('silences'),
      deadLetters: uniqueName('dl'),
    };
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })) });
    await admin.disconnect();

    const options = { silenceAfterMs: 200, silenceClock: 'stream' } as const;
    const input = makeEvents(10, 30, recentStartMs(), 10);
    const half = input.length / 2;
    await produceEvents(kafka, topics.events, input.slice(0, half));
    const service = await startCounterService({
      brokers: [broker.bootstrapServer],
      applicationId: uniqueName('broker-outage'),
      topics,
      delivery,
      env: { COUNTER_DECODE_DELAY_MS: '5', COUNTER_SILENCE_AFTER_MS: String(options.silenceAfterMs), ...env },
    });
    const expected = expectedOutputs(input, 3, options);
    const firstHalfIds = new Set(
      expectedOutputs(input.slice(0, half), 3, options)
        .filter((o) => o.output === 'counts')
        .map((o) => o.id),
    );
    // The outage comes while the service is working through the first half.
    await readIds(kafka, topics.counts, new Set([...firstHalfIds].slice(0, 40)), 60_000);
    await outage(broker);
    expect(service.child.exitCode, lastLines(service)).toBeNull();
    await produceEvents(kafka, topics.events, input.slice(half));

    for (const output of ['counts', 'silences'] as const) {
      const wanted = expected.filter((o) => o.output === output);
      const seen = await readIds(kafka, topics[output], new Set(wanted.map((o) => o.id)), 180_000).catch((error) => {
        throw new Error(`${error}\n${lastLines(service, 30)}`);
      });
      for (const o of wanted) {
        const values = seen.get(o.id) ?? [];
        // At least once: repeats carry the same value; exactly once: no repeats.
        for (const value of values) expect(value, o.id).toEqual(o.value);
        if (delivery === 'exactly-once') expect(values, o.id).toHaveLength(1);
      }
      expect([...seen.keys()].filter((id) => !wanted.some((o) => o.id === id))).toEqual([]);
    }
    expect(service.child.exitCode).toBeNull();
    return await metricsText(service);
  } finally {
    await killAllServices();
    await broker.dispose();
  }
}

test.each(['at-least-once', 'exactly-once'] as const)(
  '%s: the broker stopped and restarted mid-run, nothing is lost',
  async (delivery) => {
    await survivesOutage(delivery, restart);
  },
  400_000,
);

test.each(['at-least-once', 'exactly-once'] as const)(
  '%s: the broker frozen mid-run, the stalled consumer is replaced, nothing is lost',
  async (delivery) => {
    const metrics = await survivesOutage(delivery, freeze, { CHURNWATCH_CONSUMER_STALL_MS: '12000' });
    const replaced = Number(/^churnwatch_consumer_replacements_total(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
    expect(replaced).toBeGreaterThanOrEqual(1);
  },
  400_000,
);
