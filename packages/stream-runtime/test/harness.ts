import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@churnwatch/local-kafka';
import { createTestTopics, type ReadMessage, readTopicUntil, waitFor, withAdmin } from '@churnwatch/testkit';
import type { Kafka } from 'kafkajs';
import { type EmittedOutput, replay } from '../src/index.ts';
import { type CounterOptions, counterProcessor } from './fixtures/counter-processor.ts';

const serviceFile = fileURLToPath(new URL('./fixtures/counter-service.ts', import.meta.url));
const running = new Set<ServiceProcess>();

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly metricsPort: number;
  readonly output: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readyz(): Promise<boolean>;
}

export interface CounterTopics {
  readonly events: string;
  readonly counts: string;
  readonly silences: string;
  readonly deadLetters: string;
}

/** Fresh topics for the counter service. */
export async function createCounterTopics(partitions: number): Promise<CounterTopics> {
  const [events, counts, silences, deadLetters] = (await createTestTopics(['events', 'counts', 'silences', 'dead-letters'], { partitions })) as [
    string,
    string,
    string,
    string,
  ];
  return { events, counts, silences, deadLetters };
}

/** Starts the counter fixture service as a child process (`node counter-service.ts`) configured by env. */
export async function startCounterService(options: {
  brokers: readonly string[];
  applicationId: string;
  topics: CounterTopics;
  delivery: 'at-least-once' | 'exactly-once';
  env?: Record<string, string>;
}): Promise<ServiceProcess> {
  const metricsPort = await freePort();
  const child = spawn(process.execPath, [serviceFile], {
    env: {
      PATH: process.env.PATH,
      CHURNWATCH_KAFKA_BROKERS: options.brokers.join(','),
      CHURNWATCH_APPLICATION_ID: options.applicationId,
      CHURNWATCH_DELIVERY: options.delivery,
      CHURNWATCH_METRICS_PORT: String(metricsPort),
      CHURNWATCH_TOPIC_EVENTS: options.topics.events,
      CHURNWATCH_TOPIC_COUNTS: options.topics.counts,
      CHURNWATCH_TOPIC_SILENCES: options.topics.silences,
      CHURNWATCH_TOPIC_DEAD_LETTERS: options.topics.deadLetters,
      CHURNWATCH_SESSION_TIMEOUT_MS: '10000',
      CHURNWATCH_HEARTBEAT_INTERVAL_MS: '1000',
      CHURNWATCH_MAX_WORK_PER_CHUNK: '50',
      CHURNWATCH_WALL_CLOCK_CHECK_INTERVAL_MS: '200',
      CHURNWATCH_KAFKA_LOG_LEVEL: 'error',
      CHURNWATCH_LOG_LEVEL: process.env.CHURNWATCH_TEST_SERVICE_LOG_LEVEL ?? 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const service: ServiceProcess = {
    child,
    metricsPort,
    output,
    exited,
    readyz: async () => {
      try {
        return (await fetch(`http://127.0.0.1:${metricsPort}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
  };
  running.add(service);
  void exited.then(() => running.delete(service));
  return service;
}

export async function waitUntilReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  await waitFor(async () => ((await service.readyz()) ? true : undefined), `the service on port ${service.metricsPort} to be ready`, timeoutMs, 200);
}

/** Kills every child still running (afterEach). */
export async function killAllServices(): Promise<void> {
  await Promise.all(
    [...running].map(async (service) => {
      service.child.kill('SIGKILL');
      await service.exited;
    }),
  );
}

/** The service's metrics, as Prometheus text. */
export async function metricsText(service: ServiceProcess): Promise<string> {
  return (await fetch(`http://127.0.0.1:${service.metricsPort}/metrics`)).text();
}

export function lastLines(service: ServiceProcess, count = 40): string {
  return service.output.join('').split('\n').slice(-count).join('\n');
}

/** Event times of test input start an hour ago: recent, like live data. */
export const recentStartMs = (): number => Date.now() - 3_600_000;

export interface TestEvent {
  readonly key: string;
  readonly eventId: string;
  readonly eventTimeMs: number;
  readonly amount: number;
}

/** `perKey` events for each of `keys` customers, interleaved, event time rising by `stepMs` (every fifth one late by `stepMs * 3`). */
export function makeEvents(keys: number, perKey: number, startMs: number, stepMs: number): TestEvent[] {
  const events: TestEvent[] = [];
  for (let round = 0; round < perKey; round++) {
    for (let k = 0; k < keys; k++) {
      const i = events.length;
      const late = i % 5 === 4 ? stepMs * 3 : 0;
      events.push({ key: `customer-${k}`, eventId: `e-${i}`, eventTimeMs: startMs + i * stepMs - late, amount: (i % 7) + 1 });
    }
  }
  return events;
}

const toMessage = (e: TestEvent) => ({ key: e.key, value: JSON.stringify({ eventId: e.eventId, eventTimeMs: e.eventTimeMs, amount: e.amount }) });

/** Writes the events once each (idempotent producer: a retried send must not duplicate test input). */
export async function produceEvents(kafka: Kafka, topic: string, events: readonly TestEvent[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < events.length; i += 500) {
    await producer.send({
      topic,
      messages: events.slice(i, i + 500).map(toMessage),
    });
  }
  await producer.disconnect();
}

/**
 * Writes groups of events one send each, waiting `pauseMs(i)` after the i-th: a history produced at
 * a pace, as a backfill writes it, rather than all at once.
 */
export async function produceAtPace(kafka: Kafka, topic: string, groups: readonly (readonly TestEvent[])[], pauseMs: (group: number) => number): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (const [i, group] of groups.entries()) {
    await producer.send({ topic, messages: group.map(toMessage) });
    await new Promise((resolve) => setTimeout(resolve, pauseMs(i)));
  }
  await producer.disconnect();
}

/** What one uninterrupted run gives: the local driver over the same records, with the topic's partitions. */
export function expectedOutputs(events: readonly TestEvent[], partitions: number, options: CounterOptions): EmittedOutput[] {
  return replay({
    processors: [counterProcessor(options)],
    partitions,
    records: events.map((e) => ({ input: 'events', key: e.key, value: { amount: e.amount }, eventTimeMs: e.eventTimeMs, eventId: e.eventId })),
  });
}

export interface ReadOutput {
  readonly id: string;
  readonly key: string | null;
  readonly value: unknown;
}

export const toOutput = (message: ReadMessage): ReadOutput => ({
  id: message.headers['churnwatch-id'] ?? '',
  key: message.key,
  value: message.value === null ? null : JSON.parse(message.value),
});

/**
 * Reads (read_committed) until every expected id is there; returns everything read. A reader that
 * sees nothing for a while is replaced: on a busy broker a new group's first join can stall.
 */
export async function readUntilIds(topic: string, ids: readonly string[], timeoutMs = 120_000): Promise<ReadOutput[]> {
  const wanted = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const messages = await readTopicUntil(
        topic,
        (read) => {
          const seen = new Set(read.map((m) => m.headers['churnwatch-id']));
          for (const id of wanted) if (!seen.has(id)) return false;
          return true;
        },
        { timeoutMs: Math.min(45_000, Math.max(1_000, deadline - Date.now())), readCommitted: true },
      );
      return messages.map(toOutput);
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
}

export const byId = (outputs: ReadonlyArray<{ id: string; value: unknown }>) => new Map(outputs.map((o) => [o.id, o.value]));

/** Input records the group has committed as processed (sum over partitions); cheap, and needs no consumer. */
export async function committedRecords(groupId: string, topic: string): Promise<number> {
  const [offsets] = await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
  return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** Waits until the group has committed at least `atLeast` input records; returns how many. */
export function committedAtLeast(groupId: string, topic: string, atLeast: number, timeoutMs = 90_000): Promise<number> {
  return waitFor(
    async () => {
      // A group the broker has not loaded yet answers NOT_COORDINATOR (retriable): asked again.
      const committed = await committedRecords(groupId, topic).catch((error: unknown) => {
        if ((error as { retriable?: unknown }).retriable === true) return undefined;
        throw error;
      });
      return committed !== undefined && committed >= atLeast ? committed : undefined;
    },
    `${atLeast} committed records of ${topic}`,
    timeoutMs,
    200,
  );
}
