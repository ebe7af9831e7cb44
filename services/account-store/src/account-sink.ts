import { buildDeadLetter, type InputDecoder, type RawRecord } from '@churnwatch/contracts';
import { consumerHealth } from '@churnwatch/service-shell';
import type { HealthProbe, Logger } from '@churnwatch/telemetry';
import type { Consumer, EachBatchPayload, KafkaMessage, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { AccountStoreConfig } from './config.ts';
import { BatchAbandonedError, RowsRejectedError } from './errors.ts';
import { type AccountInput, accountInputs, type RowChange, rowChangeOf } from './row-change.ts';
import type { StoreMetrics } from './store-metrics.ts';
import { writeRows } from './write-rows.ts';
import { writeWithRetry } from './write-with-retry.ts';

export interface AccountSinkOptions {
  readonly config: AccountStoreConfig;
  readonly consumer: Consumer;
  readonly producer: Producer;
  readonly pool: Pool;
  readonly decoders: Readonly<Record<AccountInput, InputDecoder>>;
  readonly metrics: StoreMetrics;
  readonly logger: Logger;
}

export interface AccountSink {
  /** Alive until the consumer crashed for good; ready while it is in its group and PostgreSQL takes writes. */
  readonly health: HealthProbe;
  /** Ends the batch in hand without committing it, then leaves the group. */
  stop(): Promise<void>;
}

/**
 * Kafka → PostgreSQL. Each batch (one partition) is decoded at the boundary (unreadable records go
 * to the dead-letter topic with their reason), written in one transaction, and only then are its
 * offsets committed: a crash or a restart re-reads at most uncommitted batches, whose upserts
 * change nothing the second time. While PostgreSQL refuses, the batch is retried with backoff and
 * nothing further is read.
 */
export async function startAccountSink(options: AccountSinkOptions): Promise<AccountSink> {
  const { config, consumer, producer, pool, decoders, metrics, logger } = options;
  const inputOfTopic = new Map<string, AccountInput>(accountInputs.map((input) => [config.topics[input], input]));
  let databaseUp = true;
  let stopping = false;
  metrics.databaseUp.set(1);
  const consumerProbe = consumerHealth(consumer);

  async function decodeBatch(topic: string, partition: number, messages: readonly KafkaMessage[]) {
    const input = inputOfTopic.get(topic) as AccountInput;
    const changes: { raw: RawRecord; change: RowChange }[] = [];
    const deadLetters: Message[] = [];
    for (const message of messages) {
      const raw: RawRecord = {
        topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
        timestamp: message.timestamp,
      };
      const result = await decoders[input](raw);
      if (!result.ok) {
        deadLetters.push({ key: message.key, value: JSON.stringify(result.deadLetter) });
        continue;
      }
      const change = rowChangeOf(input, result.key, result.value);
      if (change) changes.push({ raw, change });
    }
    return { changes, deadLetters };
  }

  async function eachBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    const { changes, deadLetters } = await decodeBatch(batch.topic, batch.partition, batch.messages);
    const retry = {
      ...config.retry,
      heartbeat,
      stillWanted: () => !stopping && isRunning() && !isStale(),
      onDatabaseState: (up: boolean) => {
        if (!up) metrics.writeFailures.inc();
        if (up !== databaseUp) logger.info({ databaseUp: up }, up ? 'PostgreSQL takes writes again; consumption resumes' : 'PostgreSQL refuses writes');
        databaseUp = up;
        metrics.databaseUp.set(up ? 1 : 0);
      },
      logger,
    };
    try {
      await writeWithRetry(
        () =>
          writeRows(
            pool,
            changes.map((item) => item.change),
          ),
        retry,
      );
    } catch (error) {
      if (!(error instanceof RowsRejectedError)) throw error;
      // One row the database refuses must not hold up the partition: write them one by one and
      // dead-letter the refused ones.
      for (const { raw, change } of changes) {
        try {
          await writeWithRetry(() => writeRows(pool, [change]), retry);
        } catch (rowError) {
          if (!(rowError instanceof RowsRejectedError)) throw rowError;
          const rejection = { reason: 'schema_violation' as const, message: rowError.message, fields: [] };
          deadLetters.push({ key: raw.key, value: JSON.stringify(buildDeadLetter(raw, rejection, 'account-store', Date.now())) });
        }
      }
    }
    if (deadLetters.length > 0) {
      await producer.send({ topic: config.topics.deadLetters, messages: deadLetters });
      metrics.deadLetters.inc({ topic: batch.topic }, deadLetters.length);
      logger.warn({ topic: batch.topic, partition: batch.partition, count: deadLetters.length }, 'unreadable or refused records sent to the dead-letter topic');
    }
    for (const { change } of changes) metrics.rowsWritten.inc({ table: change.table });
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
  }

  await consumer.connect();
  await producer.connect();
  await consumer.subscribe({ topics: accountInputs.map((input) => config.topics[input]), fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async (payload) => {
      try {
        await eachBatch(payload);
      } catch (error) {
        if (error instanceof BatchAbandonedError) return; // uncommitted: read again by whoever owns the partition next
        throw error;
      }
    },
  });
  return {
    health: { alive: consumerProbe.alive, ready: () => consumerProbe.ready() && databaseUp },
    async stop() {
      stopping = true;
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
