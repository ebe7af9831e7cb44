import type { Logger } from '@churnwatch/telemetry';
import type { Kafka, Producer, TopicMessages, Transaction } from 'kafkajs';
import { type Chunk, type Delivery, DeliveryError } from './delivery.ts';
import { splitIntoRequests } from './request-split.ts';
import { retry } from './retry.ts';

export interface ExactlyOnceOptions {
  readonly kafka: Kafka;
  readonly logger: Logger;
  /** Prefix of the transactional ids: `<prefix>-<partition>`, stable across restarts. */
  readonly transactionalIdPrefix: string;
  readonly transactionTimeoutMs: number;
  /** Pause between retries of CONCURRENT_TRANSACTIONS. */
  readonly retryBackoffMs?: number;
  /** Records of one chunk go in requests of at most this many bytes (see splitIntoRequests). */
  readonly maxRequestBytes: number;
}

/**
 * kafkajs' sendBatch keeps only the last entry of a topic named twice in `topicMessages` (it
 * indexes them by topic), so entries are merged first: a changelog or dead-letter topic that is
 * also an output topic must not lose records.
 */
export function mergeByTopic(entries: readonly TopicMessages[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages['messages']>();
  for (const { topic, messages } of entries) byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...messages]);
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

const concurrent = (error: unknown) => (error as { type?: string })?.type === 'CONCURRENT_TRANSACTIONS';

/**
 * Exactly-once: one transactional producer per input partition (transactional id
 * `<prefix>-<partition>`), one transaction per chunk holding the outputs, the dead letters, the
 * changelog records and the input offsets (`sendOffsets`). Opening a partition initialises its
 * producer, which fences a previous owner and aborts its open transaction before the state is read.
 *
 * kafkajs does not retry CONCURRENT_TRANSACTIONS for AddOffsetsToTxn (only for InitProducerId and
 * produce), so it is retried here. After any failure the producer is replaced: its state machine
 * can be stuck mid-commit, and a new InitProducerId with the same id aborts whatever was open.
 */
export function createExactlyOnceDelivery(options: ExactlyOnceOptions): Delivery {
  const { kafka, logger, maxRequestBytes } = options;
  const producers = new Map<number, Promise<Producer>>();
  const backoffMs = options.retryBackoffMs ?? 20;

  const open = (partition: number): Promise<Producer> => {
    let ready = producers.get(partition);
    if (!ready) {
      ready = (async () => {
        const producer = kafka.producer({
          transactionalId: `${options.transactionalIdPrefix}-${partition}`,
          idempotent: true,
          maxInFlightRequests: 1,
          transactionTimeout: options.transactionTimeoutMs,
          allowAutoTopicCreation: false,
          // Right after a commit the coordinator answers CONCURRENT_TRANSACTIONS until the markers are
          // written; kafkajs retries that, by default only after 300 ms. Java retries after 20 ms.
          retry: { initialRetryTime: 15, maxRetryTime: 2_000, retries: Number.MAX_SAFE_INTEGER },
        });
        await producer.connect();
        // A transaction that sends nothing still makes kafkajs call InitProducerId now: the fence.
        const fence = await producer.transaction();
        await fence.abort();
        return producer;
      })();
      producers.set(partition, ready);
      ready.catch(() => producers.delete(partition));
    }
    return ready;
  };

  const discard = async (partition: number) => {
    const producer = producers.get(partition);
    producers.delete(partition);
    await (await producer?.catch(() => undefined))?.disconnect().catch(() => {});
  };

  const retryingConcurrent = <T>(step: () => Promise<T>): Promise<T> =>
    retry(step, { initialMs: backoffMs, maxMs: 500, retriable: concurrent, maxAttempts: 50, waitMs: (attempt) => Math.min(backoffMs * attempt, 500) });

  const send = async (transaction: Transaction, chunk: Chunk) => {
    for (const topicMessages of splitIntoRequests(mergeByTopic([...chunk.outputs, ...chunk.changelog]), maxRequestBytes)) {
      await retryingConcurrent(() => transaction.sendBatch({ topicMessages, acks: -1 }));
    }
    const offsets = chunk.offsets;
    if (offsets) await retryingConcurrent(() => transaction.sendOffsets({ consumerGroupId: offsets.groupId, topics: offsets.topics as never }));
  };

  return {
    mode: 'exactly-once',
    openPartition: async (partition) => {
      await discard(partition);
      await open(partition);
    },
    closePartition: discard,
    async deliver(partition, chunk) {
      let transaction: Transaction;
      try {
        transaction = await retryingConcurrent(async () => (await open(partition)).transaction());
      } catch (error) {
        await discard(partition);
        throw new DeliveryError('aborted', error);
      }
      try {
        await send(transaction, chunk);
      } catch (error) {
        logger.warn({ err: error, partition }, 'transaction failed before commit; aborting it');
        // A new producer with the same transactional id aborts the open transaction for certain.
        await discard(partition);
        throw new DeliveryError('aborted', error);
      }
      try {
        // EndTxn is not retried: after a failed one kafkajs' transaction state forbids a second call.
        await transaction.commit();
      } catch (error) {
        logger.warn({ err: error, partition }, 'transaction commit failed; its outcome is unknown');
        await discard(partition);
        throw new DeliveryError('unknown', error);
      }
    },
    async close() {
      await Promise.all([...producers.keys()].map(discard));
    },
  };
}
