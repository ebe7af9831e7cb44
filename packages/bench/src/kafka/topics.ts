import type { Kafka, Message } from 'kafkajs';

/** Creates one topic (replication 1), compacted when asked; waits for its leaders. */
export async function createTopic(kafka: Kafka, topic: string, partitions: number, compacted = false): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [] }],
    });
  } finally {
    await admin.disconnect();
  }
}

/** Writes `count` records made by `message(i)` in batches of 5,000 (acks=1: filling, not measuring). */
export async function produce(kafka: Kafka, topic: string, count: number, message: (i: number) => Message): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const batch = 5_000;
    for (let i = 0; i < count; i += batch) {
      await producer.send({ topic, acks: 1, messages: Array.from({ length: Math.min(batch, count - i) }, (_, j) => message(i + j)) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** The benchmark topic's record: the shape the Kafka Streams peer parses (`eventId`, `eventTimeMs`, `amount`), about 70 bytes. */
export function countingRecord(i: number, customers: number, startMs: number): Message {
  return { key: `customer-${i % customers}`, value: JSON.stringify({ eventId: `e-${i}`, eventTimeMs: startMs + i, amount: i % 10 }) };
}

/** End offsets summed over a topic's partitions: how many records it holds when it starts at 0. */
export async function topicRecordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
