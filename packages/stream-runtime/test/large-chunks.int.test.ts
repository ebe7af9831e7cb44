// A chunk whose records are larger than the broker takes in one record batch (1 MiB by default)
// goes out in several requests, in both delivery modes, with every output once and in order.
import { readWholeTopic, testBrokers, testKafka, uniqueName } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { createCounterTopics, killAllServices, lastLines, makeEvents, produceEvents, readUntilIds, recentStartMs, startCounterService } from './harness.ts';

afterEach(killAllServices);

test.each(['at-least-once', 'exactly-once'] as const)('%s: 3 MB of outputs from one chunk all arrive, in order per key', async (delivery) => {
  const topics = await createCounterTopics(1);
  const input = makeEvents(3, 500, recentStartMs(), 10);
  await produceEvents(testKafka(), topics.events, input);
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('large'),
    topics,
    delivery,
    // 1,500 records in one chunk, each output padded to 2 kB: about 3 MB for one partition.
    env: { COUNTER_COUNT_PAD_BYTES: '2000', CHURNWATCH_MAX_WORK_PER_CHUNK: '5000' },
  });
  const ids = ['customer-0', 'customer-1', 'customer-2'].map((key) => `${key}:count:500`);
  await readUntilIds(topics.counts, ids, 90_000).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  const counts = (await readWholeTopic(topics.counts, { readCommitted: true })).map((m) => ({
    key: m.key,
    count: (JSON.parse(m.value ?? '{}') as { count: number }).count,
  }));
  expect(counts).toHaveLength(1500);
  for (const key of ['customer-0', 'customer-1', 'customer-2']) {
    expect(counts.filter((c) => c.key === key).map((c) => c.count)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  }
});
