import { runKafkaTool } from '@churnwatch/local-kafka';
import { createTestTopics, readTopicUntil, testBrokers, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import type { IHeaders } from 'kafkajs';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ContractRegistry,
  contractExamples,
  createContractRegistry,
  createEncoder,
  createInputDecoder,
  type DeadLetterReason,
  type DeadLetterV1,
  topicContracts,
} from '../src/index.ts';
import { startIngestLoop } from './ingest-loop.ts';

const DAY_MS = 86_400_000;
const usage = contractExamples.usage;

interface Case {
  readonly name: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
  /** undefined: valid. */
  readonly reason?: DeadLetterReason;
  readonly fields?: readonly string[];
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function event(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const customer = `cust-${String(index % 5).padStart(4, '0')}`;
  return { ...usage, eventId: `use-${index}`, customerId: customer, eventTime: new Date(Date.now() - index * 60_000).toISOString(), ...overrides };
}

async function buildCases(registry: ContractRegistry, topic: string): Promise<Case[]> {
  const avro = createEncoder({ format: 'confluent-avro', registry });
  // A subject holds one schema type: a second format on the same topic needs a subject of its own.
  const jsonSchema = createEncoder({ format: 'confluent-json', registry, subjectNaming: (name) => `${name}-json-value` });
  const valid: Case[] = [];
  for (let i = 0; i < 12; i += 1) {
    const value = event(i);
    const encoder = i % 3 === 0 ? avro : i % 3 === 1 ? jsonSchema : undefined;
    const bytes = encoder ? await encoder.encode(topicContracts.usage, topic, value) : json(value);
    valid.push({ name: `valid ${i}`, key: value.customerId as string, value: bytes });
  }
  const { metric: _m, ...noMetric } = event(100);
  const bad: Case[] = [
    { name: 'malformed JSON', key: 'cust-0001', value: Buffer.from('{"schemaVersion":1,"eventId":'), reason: 'malformed_json', fields: ['(root)'] },
    { name: 'wrong type', key: 'cust-0000', value: json(event(101, { quantity: 'lots' })), reason: 'schema_violation', fields: ['quantity'] },
    { name: 'missing field', key: 'cust-0000', value: json(noMetric), reason: 'schema_violation', fields: ['metric'] },
    {
      name: 'unknown schema id',
      key: 'cust-0002',
      value: Buffer.concat([Buffer.from([0, 0x7f, 0, 0, 1]), json(event(102))]),
      reason: 'unknown_schema_id',
      fields: ['(root)'],
      headers: { 'trace-id': 'abc-123', attempt: ['1', '2'] },
    },
    { name: 'oversized', key: 'cust-0003', value: json(event(103, { feature: 'f'.repeat(5000) })), reason: 'oversized', fields: ['(root)'] },
    {
      name: 'far future',
      key: 'cust-0004',
      value: json(event(104, { eventTime: new Date(Date.now() + 3 * DAY_MS).toISOString() })),
      reason: 'event_time_out_of_range',
      fields: ['eventTime'],
    },
    {
      name: 'far past',
      key: 'cust-0004',
      value: json(event(104, { eventTime: '2001-01-01T00:00:00Z' })),
      reason: 'event_time_out_of_range',
      fields: ['eventTime'],
    },
    { name: 'unknown version', key: 'cust-0000', value: json(event(105, { schemaVersion: 2 })), reason: 'unknown_version', fields: ['schemaVersion'] },
    { name: 'no key', key: null, value: json(event(106)), reason: 'missing_key', fields: ['(key)'] },
    { name: 'key mismatch', key: 'cust-9999', value: json(event(107)), reason: 'key_mismatch', fields: ['customerId'] },
    { name: 'tombstone on an event topic', key: 'cust-0000', value: null, reason: 'missing_value', fields: ['(root)'] },
  ];
  // A producer retry: the same event (same id) sent again, in another format.
  const resent = event(3);
  const duplicate: Case = { name: 'duplicate of valid 3', key: resent.customerId as string, value: json(resent) };
  return [...valid, ...bad, duplicate];
}

describe('ingestion boundary on a real broker and registry', () => {
  let registry: ContractRegistry;
  beforeAll(() => {
    registry = createContractRegistry({ url: inject('schemaRegistryUrl') });
  });

  it('dead-letters every kind of bad input with reason, fields, source and original bytes, and lets the rest through', async () => {
    const [topic, deadLetterTopic] = await createTestTopics(['usage', 'dead-letters'], { partitions: 3 });
    const cases = await buildCases(registry, topic!);
    const producer = testKafka().producer();
    await producer.connect();
    const sent: { case: Case; partition: number; offset: string }[] = [];
    for (const item of cases) {
      const [meta] = await producer.send({ topic: topic!, messages: [{ key: item.key, value: item.value, headers: item.headers }] });
      sent.push({ case: item, partition: meta!.partition, offset: meta!.baseOffset! });
    }
    await producer.disconnect();

    // Kafka's own console producer, as an independent client: one bad and one valid line.
    const consoleValid = event(200, { customerId: 'cust-0007' });
    const consoleInput = `cust-0007|${JSON.stringify(consoleValid)}\ncust-0007|not json at all\n`;
    const tool = await runKafkaTool(
      'console-producer',
      ['--bootstrap-server', testBrokers().join(','), '--topic', topic!, '--reader-property', 'parse.key=true', '--reader-property', 'key.separator=|'],
      consoleInput,
    );
    expect(tool.code, tool.output).toBe(0);
    const total = cases.length + 2;

    const metrics = new Registry();
    const loop = await startIngestLoop({
      kafka: testKafka(),
      topic: topic!,
      deadLetterTopic: deadLetterTopic!,
      groupId: uniqueName('ingest'),
      metrics,
      decode: createInputDecoder({
        contract: topicContracts.usage,
        consumer: 'ingest-test',
        registry,
        maxValueBytes: 4096,
        eventTimeBounds: { maxFutureMs: DAY_MS, maxPastMs: 365 * DAY_MS },
        now: () => Date.now(),
      }),
    });
    try {
      await waitFor(() => (loop.accepted.length + loop.duplicates.length + loop.deadLettered === total ? true : undefined), 'every record handled', 60_000);
    } finally {
      await loop.stop();
    }

    const badCases = cases.filter((item) => item.reason);
    // The valid cases (the duplicate among them does not count) plus the console producer's valid line.
    const validCount = cases.filter((item) => !item.reason).length - 1 + 1;
    expect(loop.accepted).toHaveLength(validCount);
    expect(loop.duplicates).toEqual(['use-3']);
    expect(loop.deadLettered).toBe(badCases.length + 1);
    expect(loop.accepted.length + loop.duplicates.length + loop.deadLettered).toBe(total);
    expect(new Set(loop.accepted.map((result) => result.eventId)).size).toBe(validCount);
    expect(loop.retries).toBe(0);

    const records = await readTopicUntil(deadLetterTopic!, (messages) => messages.length >= badCases.length + 1);
    expect(records).toHaveLength(badCases.length + 1);
    const letters = records.map((record) => ({ record, letter: JSON.parse(record.value!) as DeadLetterV1 }));
    for (const { case: item, partition, offset } of sent.filter((entry) => entry.case.reason)) {
      const found = letters.find(({ letter }) => letter.source.partition === partition && letter.source.offset === offset);
      expect(found, item.name).toBeDefined();
      const { record, letter } = found!;
      expect(letter.reason, item.name).toBe(item.reason);
      expect(letter.fields, item.name).toEqual(item.fields);
      for (const field of item.fields!) if (field !== '(root)') expect(letter.message, item.name).toContain(field);
      expect(letter.source.topic).toBe(topic);
      expect(letter.consumer).toBe('ingest-test');
      expect(letter.original.key === null ? null : Buffer.from(letter.original.key, 'base64').toString()).toBe(item.key);
      expect(letter.original.value === null ? null : Buffer.from(letter.original.value, 'base64').equals(item.value!)).toBe(item.value === null ? null : true);
      expect(record.key).toBe(item.key);
      expect(record.headers['churnwatch.reason']).toBe(item.reason);
      if (item.headers) {
        expect(letter.original.headers).toEqual([
          { key: 'trace-id', value: Buffer.from('abc-123').toString('base64') },
          { key: 'attempt', value: Buffer.from('1').toString('base64') },
          { key: 'attempt', value: Buffer.from('2').toString('base64') },
        ]);
        expect(record.headers['trace-id']).toBe('abc-123');
      }
    }
    const fromConsole = letters.find(({ letter }) => Buffer.from(letter.original.value ?? '', 'base64').toString() === 'not json at all');
    expect(fromConsole?.letter).toMatchObject({ reason: 'malformed_json', original: { key: Buffer.from('cust-0007').toString('base64') } });
    expect(loop.accepted.some((result) => result.eventId === consoleValid.eventId)).toBe(true);
    // The metric counts by reason, and the counts add up to the dead letters written.
    const counted = (await metrics.getSingleMetric('churnwatch_dead_letters_total')!.get()).values;
    const byReason = new Map<string, number>();
    for (const sample of counted) {
      expect(sample.labels.topic).toBe(topic);
      byReason.set(String(sample.labels.reason), sample.value);
    }
    const expectedByReason = new Map<string, number>([['malformed_json', 1]]);
    for (const item of badCases) expectedByReason.set(item.reason!, (expectedByReason.get(item.reason!) ?? 0) + 1);
    expect(Object.fromEntries(byReason)).toEqual(Object.fromEntries(expectedByReason));
    expect(counted.reduce((sum, sample) => sum + sample.value, 0)).toBe(loop.deadLettered);
  });
});

describe('a schema registry outage', () => {
  let ownRegistry: import('@churnwatch/registry').LocalRegistry;
  beforeAll(async () => {
    const { LocalRegistry } = await import('@churnwatch/registry');
    ownRegistry = await LocalRegistry.start();
  });
  afterAll(async () => {
    await ownRegistry?.dispose();
  });

  it('makes the consumer retry with backoff instead of dead-lettering, and it recovers when the registry is back', async () => {
    const [topic, deadLetterTopic] = await createTestTopics(['usage', 'dead-letters']);
    const producerSide = createContractRegistry({ url: ownRegistry.url });
    const encoder = createEncoder({ format: 'confluent-avro', registry: producerSide });
    const values = [0, 1, 2, 3].map((i) => event(300 + i, { customerId: 'cust-0001' }));
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic: topic!,
      messages: await Promise.all(values.map(async (value) => ({ key: 'cust-0001', value: await encoder.encode(topicContracts.usage, topic!, value) }))),
    });
    await producer.disconnect();

    await ownRegistry.stop();
    // A consumer that has never seen the schema id, so it must ask the (stopped) registry.
    const loop = await startIngestLoop({
      kafka: testKafka(),
      topic: topic!,
      deadLetterTopic: deadLetterTopic!,
      groupId: uniqueName('ingest'),
      metrics: new Registry(),
      backoff: { initialMs: 100, maxMs: 1000 },
      decode: createInputDecoder({
        contract: topicContracts.usage,
        consumer: 'outage-test',
        registry: createContractRegistry({ url: ownRegistry.url, requestRetries: 0 }),
        maxValueBytes: 4096,
        eventTimeBounds: { maxFutureMs: DAY_MS, maxPastMs: 365 * DAY_MS },
        now: () => Date.now(),
      }),
    });
    try {
      await waitFor(() => (loop.retries >= 3 ? true : undefined), 'retries while the registry is down', 30_000);
      expect(loop.deadLettered).toBe(0);
      expect(loop.accepted).toHaveLength(0);

      await ownRegistry.start();
      await waitFor(() => (loop.accepted.length === values.length ? true : undefined), 'recovery after the registry is back', 60_000);
      expect(loop.accepted.map((result) => result.eventId)).toEqual(values.map((value) => value.eventId));
      expect(loop.deadLettered).toBe(0);
    } finally {
      await loop.stop();
    }
  });
});
