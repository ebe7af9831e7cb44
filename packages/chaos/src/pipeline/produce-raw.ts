import { type Kafka, Partitioners } from 'kafkajs';
import type { RawMessage } from '../ground-truth/poison.ts';

/**
 * Sends raw messages to `topic` spread evenly over `durationMs` (one per tick, acknowledged),
 * beside the valid stream; the Java-compatible partitioner puts a key where other producers do.
 */
export async function produceSpread(kafka: Kafka, topic: string, messages: readonly RawMessage[], durationMs: number): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const gapMs = messages.length === 0 ? 0 : durationMs / messages.length;
    const startedMs = Date.now();
    for (const [i, message] of messages.entries()) {
      const waitMs = startedMs + i * gapMs - Date.now();
      if (waitMs > 0) await new Promise((done) => setTimeout(done, waitMs));
      await producer.send({ topic, messages: [{ key: message.key, value: message.value }] });
    }
  } finally {
    await producer.disconnect();
  }
}
