// kafkajs 2.2.4 against the pinned Kafka 4.x broker: the client features churnwatch relies on.

import { runKafkaTool } from '@churnwatch/local-kafka';
import { createTestTopics, readWholeTopic, testBrokers, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { describe, expect, test } from 'vitest';

type Assignment = Record<string, number[]>;

function trackAssignment(consumer: Consumer): () => Assignment | undefined {
  let latest: Assignment | undefined;
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    latest = event.payload.memberAssignment;
  });
  return () => latest;
}

describe('kafkajs 2.2.4 on the local broker', () => {
  test('a consumer group forms, then rebalances its partitions between two members', async () => {
    const [topic] = (await createTestTopics(['group'], { partitions: 4 })) as [string];
    const groupId = uniqueName('group');
    const kafka = testKafka();
    const first = kafka.consumer({ groupId });
    const second = kafka.consumer({ groupId });
    const firstAssignment = trackAssignment(first);
    const secondAssignment = trackAssignment(second);
    const seen = new Set<string>();
    const record = async ({ message }: EachMessagePayload) => {
      seen.add(String(message.value));
    };
    try {
      await first.connect();
      await first.subscribe({ topic, fromBeginning: true });
      await first.run({ eachMessage: record });
      const alone = await waitFor(() => firstAssignment(), 'the first member to join');
      expect(alone[topic]?.sort()).toEqual([0, 1, 2, 3]);

      await second.connect();
      await second.subscribe({ topic, fromBeginning: true });
      await second.run({ eachMessage: record });
      const split = await waitFor(() => {
        const a = firstAssignment()?.[topic] ?? [];
        const b = secondAssignment()?.[topic] ?? [];
        return a.length === 2 && b.length === 2 ? [...a, ...b].sort() : undefined;
      }, 'both members to hold two partitions each');
      expect(split).toEqual([0, 1, 2, 3]);

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
      await producer.disconnect();
      await waitFor(() => (seen.size === 40 ? true : undefined), 'all 40 messages across the two members');
    } finally {
      await Promise.all([first.disconnect(), second.disconnect()]);
    }
  });

  test('the idempotent producer registers a producer id and writes each message once, in order', async () => {
    const [topic] = (await createTestTopics(['idempotent'])) as [string];
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let batch = 0; batch < 5; batch++) {
      await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: String(batch * 10 + i) })) });
    }
    await producer.disconnect();

    const values = (await readWholeTopic(topic)).map((m) => Number(m.value));
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i));

    // The broker keeps sequence numbers per producer id: proof that the writes were idempotent.
    const { code, output } = await runKafkaTool('transactions', [
      '--bootstrap-server',
      testBrokers().join(','),
      'describe-producers',
      '--topic',
      topic,
      '--partition',
      '0',
    ]);
    expect(code, output).toBe(0);
    const row = output.split('\n').find((line) => /^\d+\s/.test(line.trim()));
    expect(row, output).toBeDefined();
    const [producerId, , , lastSequence] = (row ?? '').trim().split(/\s+/);
    expect(Number(producerId)).toBeGreaterThanOrEqual(0);
    expect(Number(lastSequence)).toBe(49);
  });

  test('a transaction with sendOffsets publishes outputs and commits input offsets atomically; an abort does neither', async () => {
    const [input, output] = (await createTestTopics(['tx-in', 'tx-out'])) as [string, string];
    const groupId = uniqueName('tx-group');
    const kafka = testKafka();
    const seed = kafka.producer();
    await seed.connect();
    await seed.send({ topic: input, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await seed.disconnect();

    const producer = kafka.producer({ transactionalId: uniqueName('tx'), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();

    // Abort: output written but invisible to read_committed readers; offsets not committed.
    const aborted = await producer.transaction();
    await aborted.send({ topic: output, messages: [{ value: 'aborted' }] });
    await aborted.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: input, partitions: [{ partition: 0, offset: '2' }] }] });
    await aborted.abort();

    // Commit: outputs for the three inputs together with the input offset 3.
    const committed = await producer.transaction();
    await committed.send({ topic: output, messages: ['A', 'B', 'C'].map((value) => ({ value })) });
    await committed.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: input, partitions: [{ partition: 0, offset: '3' }] }] });
    await committed.commit();
    await producer.disconnect();

    const visible = await readWholeTopic(output, { readCommitted: true });
    expect(visible.map((m) => m.value)).toEqual(['A', 'B', 'C']);
    const everything = await readWholeTopic(output, { readCommitted: false });
    expect(everything.map((m) => m.value)).toEqual(['aborted', 'A', 'B', 'C']);

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [input] });
    await admin.disconnect();
    expect(offsets[0]?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '3' })]);
  });
});
