import { createTestTopics, testKafka, uniqueName, withAdmin } from '@churnwatch/testkit';
import { expect, test } from 'vitest';
import { createChangelogReader, type RestoreProgress } from '../src/kafka/changelog-reader.ts';

/** A changelog partition of 300 records written as 30 record batches of 10. */
async function changelogOf30Batches(): Promise<string> {
  const [topic] = (await createTestTopics(['changelog'], { partitions: 2 })) as [string];
  const producer = testKafka().producer();
  await producer.connect();
  for (let batch = 0; batch < 30; batch++)
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${batch}-${i}`, partition: 1 })) });
  await producer.disconnect();
  return topic;
}

/** Restores partition 1, noting the reader's progress as each fetch is applied. */
async function restoreNoting(topic: string, fetchMaxBytes: number) {
  return withAdmin(async (admin) => {
    const reader = createChangelogReader({ kafka: testKafka(), admin, groupId: uniqueName('restore'), topics: [topic], fetchMaxBytes });
    try {
      const seen: RestoreProgress[][] = [];
      const restored = await reader.restore(topic, 1, () => {
        seen.push(reader.progress());
      });
      return { restored, seen, after: reader.progress() };
    } finally {
      await reader.stop();
    }
  });
}

test('a running restore reports the records it applied and the offsets still to read; one that ended is gone', async () => {
  const topic = await changelogOf30Batches();
  const { restored, seen, after } = await restoreNoting(topic, 8 * 1024 * 1024);
  expect(restored.records).toBe(300);
  // Noted while a fetch is applied: its records count, its offsets are not read past yet.
  expect(seen[0]).toEqual([{ topic, partition: 1, records: seen[0]?.[0]?.records, remainingOffsets: 300 }]);
  expect(seen[0]?.[0]?.records).toBeGreaterThan(0);
  expect(after).toEqual([]);
});

test('with small fetches a restore goes one record batch at a time, so it can be seen (and stopped) midway', async () => {
  const topic = await changelogOf30Batches();
  const { restored, seen } = await restoreNoting(topic, 1);
  expect(restored.records).toBe(300);
  expect(seen).toHaveLength(30);
  expect(seen[1]).toEqual([{ topic, partition: 1, records: 20, remainingOffsets: 290 }]);
  expect(seen[29]).toEqual([{ topic, partition: 1, records: 300, remainingOffsets: 10 }]);
});
