import { isRetriable } from '@churnwatch/errors';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import { createDedupWindow, type DecodeResult, type DedupState, type InputDecoder, type RawRecord } from '../src/index.ts';

/**
 * A minimal consume → decode → dead-letter loop for the integration tests (the real one is the
 * stream runtime's). A retriable decode failure (registry down) is retried for the same record
 * with exponential backoff, so nothing is skipped and nothing is dead-lettered for it.
 */
export interface IngestLoop {
  readonly accepted: Extract<DecodeResult, { ok: true }>[];
  readonly duplicates: string[];
  readonly deadLettered: number;
  readonly retries: number;
  stop(): Promise<void>;
}

export async function startIngestLoop(options: {
  kafka: Kafka;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  decode: InputDecoder;
  /** Where `churnwatch_dead_letters_total{topic,reason}` is registered. */
  metrics: Registry;
  dedupWindowSize?: number;
  backoff?: { initialMs: number; maxMs: number };
}): Promise<IngestLoop> {
  const consumer: Consumer = options.kafka.consumer({ groupId: options.groupId });
  const producer: Producer = options.kafka.producer({ idempotent: true });
  const window = createDedupWindow(options.dedupWindowSize ?? 100);
  const seen = new Map<string, DedupState>();
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 2000 };
  const state = {
    accepted: [] as Extract<DecodeResult, { ok: true }>[],
    duplicates: [] as string[],
    deadLettered: 0,
    retries: 0,
  };
  const deadLetters = new Counter({
    name: 'churnwatch_dead_letters_total',
    help: 'Input records rejected at the boundary and sent to the dead-letter topic, by source topic and reason.',
    labelNames: ['topic', 'reason'] as const,
    registers: [options.metrics],
  });

  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const raw: RawRecord = {
        topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
        timestamp: message.timestamp,
      };
      let result: DecodeResult;
      for (let delayMs = backoff.initialMs; ; delayMs = Math.min(delayMs * 2, backoff.maxMs)) {
        try {
          result = await options.decode(raw);
          break;
        } catch (error) {
          if (!isRetriable(error)) throw error;
          state.retries += 1;
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
      }
      if (!result.ok) {
        const { deadLetter } = result;
        await producer.send({
          topic: options.deadLetterTopic,
          messages: [
            {
              key: message.key,
              value: JSON.stringify(deadLetter),
              headers: { ...(message.headers ?? {}), 'churnwatch.reason': deadLetter.reason },
            },
          ],
        });
        state.deadLettered += 1;
        deadLetters.inc({ topic, reason: deadLetter.reason });
        return;
      }
      if (result.eventId !== undefined) {
        const step = window.observe(seen.get(result.key) ?? window.empty(), result.eventId);
        seen.set(result.key, step.state);
        if (step.duplicate) {
          state.duplicates.push(result.eventId);
          return;
        }
      }
      state.accepted.push(result);
    },
  });

  return {
    get accepted() {
      return state.accepted;
    },
    get duplicates() {
      return state.duplicates;
    },
    get deadLettered() {
      return state.deadLettered;
    },
    get retries() {
      return state.retries;
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
