import { isRetriable } from '@churnwatch/errors';
import type { Kafka, Message } from 'kafkajs';

/**
 * A topic created a moment ago can still be unknown to the broker's metadata on a loaded machine
 * (UNKNOWN_TOPIC_OR_PARTITION outlasts kafkajs's own retries): retriable errors are retried for a minute.
 */
export async function patiently(send: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await send();
      return;
    } catch (error) {
      if (!isRetriable(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** A topic to create: replication 1, compacted when asked. */
export interface BenchTopic {
  readonly topic: string;
  readonly partitions: number;
  readonly compacted?: boolean;
}

/** Creates the topics (replication 1) and waits for their leaders; an existing topic is left alone. */
export async function createTopics(kafka: Kafka, topics: readonly BenchTopic[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Again after an error: an existing topic is left alone, and its leaders are waited for.
    await patiently(() =>
      admin.createTopics({
        waitForLeaders: true,
        topics: topics.map(({ topic, partitions, compacted }) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          configEntries: [{ name: 'cleanup.policy', value: compacted ? 'compact' : 'delete' }],
        })),
      }),
    );
  } finally {
    await admin.disconnect();
  }
}

/** Creates one topic (replication 1), compacted when asked; waits for its leaders. */
export function createTopic(kafka: Kafka, topic: string, partitions: number, compacted = false): Promise<void> {
  return createTopics(kafka, [{ topic, partitions, compacted }]);
}

/** Messages per request and bytes per request (below the broker's 1 MiB per batch): filling, not measuring. */
const maxBatchMessages = 5_000;
const maxBatchBytes = 512 * 1024;

const sizeOf = (message: Message) => (message.value === null ? 0 : message.value.length) + (message.key?.length ?? 0);

/** Writes `count` records made by `message(i)` in batches (acks=1). */
export async function produce(kafka: Kafka, topic: string, count: number, message: (i: number) => Message): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    let batch: Message[] = [];
    let bytes = 0;
    const flush = async () => {
      const messages = batch;
      batch = [];
      bytes = 0;
      if (messages.length > 0) await patiently(() => producer.send({ topic, acks: 1, messages }));
    };
    for (let i = 0; i < count; i++) {
      const next = message(i);
      batch.push(next);
      bytes += sizeOf(next);
      if (batch.length >= maxBatchMessages || bytes >= maxBatchBytes) await flush();
    }
    await flush();
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
