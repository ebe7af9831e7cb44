import type { Kafka } from 'kafkajs';

/** A record's `churnwatch-id` header, its value as text and its timestamp (ms; the time of writing, as producers here set none). */
export interface ReadRecord {
  readonly id: string;
  readonly value: string;
  readonly timestampMs: number;
}

/**
 * Every committed record of `topic` (read_committed: an aborted transaction's writes are not the
 * service's output). Stops once every partition's end is reached, or, as the last offsets of a
 * transactional topic are commit markers that are never delivered, once nothing new has arrived
 * for `quietMs`.
 */
export async function readCommitted(kafka: Kafka, topic: string, quietMs = 3_000): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(ends.filter((end) => Number(end.high) > 0).map((end) => [end.partition, Number(end.high)]));
  const records: ReadRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `${topic}.reader-${process.pid}-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let lastArrivalMs = Date.now();
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        lastArrivalMs = Date.now();
        records.push({ id: String(message.headers?.['churnwatch-id'] ?? ''), value: message.value?.toString() ?? '', timestampMs: Number(message.timestamp) });
        if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
      },
    });
    while (remaining.size > 0 && Date.now() - lastArrivalMs < quietMs) await new Promise((done) => setTimeout(done, 200));
    return records;
  } finally {
    await consumer.disconnect();
  }
}
