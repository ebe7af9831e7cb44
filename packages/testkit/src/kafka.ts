import { type Admin, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { inject } from 'vitest';
import { uniqueName } from './names.ts';
import { waitFor } from './wait.ts';

/** Bootstrap servers of the run's broker (see global-setup). */
export function testBrokers(): string[] {
  return inject('kafkaBrokers').split(',');
}

export function testKafka(clientId = uniqueName('test-client')): Kafka {
  // kafkajs logs retriable protocol errors (rebalances, coordinator loading) at ERROR; tests stay
  // quiet unless CHURNWATCH_TEST_KAFKA_LOG=1 asks for them.
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: process.env.CHURNWATCH_TEST_KAFKA_LOG ? logLevel.INFO : logLevel.NOTHING });
}

export async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

export interface TopicSpec {
  readonly partitions?: number;
  readonly compacted?: boolean;
}

/**
 * Creates fresh topics named `<prefix>-<random>` and returns their names in the same order. Retried:
 * on a busy broker the creation can answer before the new partitions have leaders.
 */
export async function createTestTopics(prefixes: readonly string[], spec: TopicSpec = {}): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const names = prefixes.map(uniqueName);
    try {
      await withAdmin((admin) =>
        admin.createTopics({
          waitForLeaders: true,
          topics: names.map((topic) => ({
            topic,
            numPartitions: spec.partitions ?? 1,
            replicationFactor: 1,
            configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
          })),
        }),
      );
      return names;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

export interface ReadMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

function toReadMessage(partition: number, message: KafkaMessage): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
  return { partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers };
}

/**
 * Reads a topic from the beginning until `done(messages)` holds, with a fresh group.
 * `readCommitted: false` also shows records of aborted transactions. A group whose join stalls on
 * a busy broker is given up after `joinTimeoutMs` and a new one started.
 */
export async function readTopicUntil(
  topic: string,
  done: (messages: readonly ReadMessage[]) => boolean,
  options: { timeoutMs?: number; readCommitted?: boolean; joinTimeoutMs?: number } = {},
): Promise<ReadMessage[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const consumer = testKafka().consumer({ groupId: uniqueName('reader'), readUncommitted: options.readCommitted === false });
    const messages: ReadMessage[] = [];
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push(toReadMessage(partition, message));
        },
      });
      const joinBy = Math.min(deadline, Date.now() + (options.joinTimeoutMs ?? 20_000));
      const outcome = await waitFor(
        () => (done(messages) ? 'done' : !joined && Date.now() > joinBy ? 'stalled' : undefined),
        () => `messages on ${topic} (have ${messages.length})`,
        Math.max(0, deadline - Date.now()),
      );
      if (outcome === 'done') return messages;
    } finally {
      await consumer.disconnect();
    }
  }
}

/** Everything on a topic right now, read up to its current end offsets. */
export async function readWholeTopic(topic: string, options: { readCommitted?: boolean } = {}): Promise<ReadMessage[]> {
  const ends = await withAdmin((admin) => admin.fetchTopicOffsets(topic));
  const wanted = new Map(ends.map((end) => [end.partition, BigInt(end.high)]));
  const reached = (messages: readonly ReadMessage[]) =>
    [...wanted].every(([partition, high]) => high === 0n || messages.some((m) => m.partition === partition && BigInt(m.offset) + 1n >= high));
  if ([...wanted.values()].every((high) => high === 0n)) return [];
  // With transactions, the last offsets may be commit markers that are never delivered, so
  // stop as well once nothing new has arrived for a while.
  let lastCount = -1;
  let stableSince = Date.now();
  return readTopicUntil(
    topic,
    (messages) => {
      if (messages.length !== lastCount) {
        lastCount = messages.length;
        stableSince = Date.now();
      }
      return reached(messages) || (messages.length > 0 && Date.now() - stableSince > 3000);
    },
    options,
  );
}
