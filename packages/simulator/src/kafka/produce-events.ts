import { ChurnwatchError } from '@churnwatch/errors';
import { type Kafka, type Message, Partitioners } from 'kafkajs';
import type { EventKind, SimulatedEvent } from '../events/simulated-event.ts';
import { type Clock, createRateLimiter, systemClock } from './rate-limiter.ts';
import { resolveTopics } from './topics.ts';

export interface ProduceOptions {
  readonly kafka: Kafka;
  readonly events: Iterable<SimulatedEvent> | AsyncIterable<SimulatedEvent>;
  /** Average events per second; absent: as fast as the broker takes them. */
  readonly eventsPerSecond?: number;
  /** Topic per kind; the contracts' default topics otherwise. */
  readonly topics?: Partial<Record<EventKind, string>>;
  /** Events per request; default: a twentieth of the rate (between 1 and 500), 500 when unpaced. */
  readonly batchSize?: number;
  readonly clock?: Clock;
  /** Called after each acknowledged batch with the running total. */
  readonly onProgress?: (sent: number) => void;
  /** Stops after the batch in flight. */
  readonly signal?: AbortSignal;
}

export interface ProduceResult {
  readonly sent: number;
  readonly perTopic: Readonly<Record<string, number>>;
}

/** A topic the events need does not exist; creating topics is the operator's job. */
export class MissingTopicsError extends ChurnwatchError {
  readonly topics: readonly string[];

  constructor(topics: readonly string[]) {
    super(
      'SIMULATOR_TOPICS_MISSING',
      `missing topic(s): ${topics.join(', ')}; create them first (for example: deploy/kafka/kafka topics --bootstrap-server <brokers> --create --topic <name>)`,
      { context: { topics } },
    );
    this.topics = topics;
  }
}

/**
 * Produces events to their input topics: key = customer id, value = the contract JSON (no `kind`),
 * in the order given, one acknowledged batch at a time (so per-customer order holds). Uses the
 * Java-compatible partitioner, so keys land where other producers put them. Never creates topics.
 */
export async function produceEvents(options: ProduceOptions): Promise<ProduceResult> {
  const topics = resolveTopics(options.topics);
  const wanted = [...new Set(Object.values(topics))];
  const admin = options.kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length) throw new MissingTopicsError(missing);
  } finally {
    await admin.disconnect();
  }

  const rate = options.eventsPerSecond;
  const batchSize = options.batchSize ?? (rate ? Math.max(1, Math.min(500, Math.floor(rate / 20))) : 500);
  const limiter = rate ? createRateLimiter(rate, options.clock ?? systemClock) : undefined;
  const producer = options.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const perTopic: Record<string, number> = Object.fromEntries(wanted.map((topic) => [topic, 0]));
  let sent = 0;
  let pending: SimulatedEvent[] = [];

  async function flush(): Promise<void> {
    if (!pending.length) return;
    await limiter?.acquire(pending.length);
    const byTopic = new Map<string, Message[]>();
    for (const event of pending) {
      const topic = topics[event.kind];
      const messages = byTopic.get(topic) ?? [];
      if (!byTopic.has(topic)) byTopic.set(topic, messages);
      messages.push({ key: event.value.customerId, value: JSON.stringify(event.value) });
      perTopic[topic] = (perTopic[topic] ?? 0) + 1;
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    sent += pending.length;
    pending = [];
    options.onProgress?.(sent);
  }

  await producer.connect();
  try {
    for await (const event of options.events) {
      if (options.signal?.aborted) break;
      pending.push(event);
      if (pending.length >= batchSize) await flush();
    }
    if (!options.signal?.aborted) await flush();
  } finally {
    await producer.disconnect();
  }
  return { sent, perTopic };
}
