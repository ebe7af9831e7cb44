import { LocalKafka } from '@churnwatch/local-kafka';
import { uniqueName, waitFor } from '@churnwatch/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, expect, test } from 'vitest';
import { sleep } from '../src/kafka/retry.ts';
import { type CounterTopics, expectedOutputs, killAllServices, lastLines, makeEvents, produceEvents, recentStartMs, startCounterService } from './harness.ts';

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

test.each(['at-least-once', 'exactly-once'] as const)(
  '%s: the broker stopped and restarted mid-run, nothing is lost',
  async (delivery) => {
    const broker = await LocalKafka.start();
    try {
      const kafka = new Kafka({ clientId: uniqueName('restart-test'), brokers: [broker.bootstrapServer], logLevel: logLevel.NOTHING });
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
        applicationId: uniqueName('broker-restart'),
        topics,
        delivery,
        env: { COUNTER_DECODE_DELAY_MS: '5', COUNTER_SILENCE_AFTER_MS: String(options.silenceAfterMs) },
      });
      const expected = expectedOutputs(input, 3, options);
      const firstHalfIds = new Set(
        expectedOutputs(input.slice(0, half), 3, options)
          .filter((o) => o.output === 'counts')
          .map((o) => o.id),
      );
      // Stop the broker while the service is working through the first half.
      await readIds(kafka, topics.counts, new Set([...firstHalfIds].slice(0, 40)), 60_000);
      await broker.stop();
      await sleep(5_000);
      expect(service.child.exitCode, lastLines(service)).toBeNull();
      await broker.start();
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
    } finally {
      await killAllServices();
      await broker.dispose();
    }
  },
  400_000,
);
