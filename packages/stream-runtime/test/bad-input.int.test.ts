import { readWholeTopic, testBrokers, testKafka, uniqueName } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { committedRecords, createCounterTopics, killAllServices, lastLines, metricsText, readUntilIds, startCounterService, toOutput } from './harness.ts';

afterEach(killAllServices);

test('bad input is dead-lettered and counted, a re-sent event is skipped, a decoder outage is retried without skipping', async () => {
  const topics = await createCounterTopics(1);
  const t0 = Date.now() - 60_000;
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const event = (id: string, at: number) => JSON.stringify({ eventId: id, eventTimeMs: at, amount: 1 });
  await producer.send({
    topic: topics.events,
    messages: [
      { key: 'k', value: event('e1', t0) },
      { key: 'k', value: 'this is not JSON' },
      { key: 'k', value: event('e2', t0 + 1) },
      { key: 'k', value: event('e1', t0) },
      { key: 'k', value: event('e3', t0 + 2) },
    ],
  });
  await producer.disconnect();
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('bad-input'),
    topics,
    delivery: 'exactly-once',
    env: { COUNTER_DECODE_FAILURES: '3' },
  });
  const counts = await readUntilIds(topics.counts, ['k:count:1', 'k:count:2', 'k:count:3']).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  expect(counts.map((o) => o.value)).toEqual([
    { count: 1, total: 1 },
    { count: 2, total: 2 },
    { count: 3, total: 3 },
  ]);
  const [deadLetter, ...more] = (await readWholeTopic(topics.deadLetters, { readCommitted: true })).map(toOutput);
  expect(more).toEqual([]);
  expect(deadLetter?.value).toMatchObject({ reason: 'schema_violation', source: { topic: topics.events, partition: 0, offset: '1' } });
  const original = (deadLetter?.value as { original?: { value?: string } } | undefined)?.original?.value ?? '';
  expect(Buffer.from(original, 'base64').toString()).toBe('this is not JSON');

  const text = await metricsText(service);
  expect(text).toMatch(new RegExp(`churnwatch_dead_letters_total\\{[^}]*topic="${topics.events}"[^}]*reason="schema_violation"[^}]*\\} 1`));
  expect(text).toMatch(new RegExp(`churnwatch_duplicates_skipped_total\\{[^}]*topic="${topics.events}"[^}]*\\} 1`));
  expect(text).toMatch(/churnwatch_transactions_committed_total\{[^}]*\} [1-9]/);
  // The highest event time it has read: the last event's.
  expect(text).toMatch(new RegExp(`churnwatch_stream_time_seconds\\{[^}]*partition="0"[^}]*\\} ${String((t0 + 2) / 1000).replace('.', '\\.')}\n`));
  expect(service.output.join('').match(/decoding failed; retrying/g)).toHaveLength(3);
});

test('a processor that throws stops the service with exit 1 and says where, instead of skipping the record', async () => {
  const topics = await createCounterTopics(1);
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const t0 = Date.now() - 60_000;
  await producer.send({
    topic: topics.events,
    messages: [1, 13, 1].map((amount, i) => ({ key: 'k', value: JSON.stringify({ eventId: `e${i}`, eventTimeMs: t0 + i, amount }) })),
  });
  await producer.disconnect();
  const applicationId = uniqueName('bug');
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId,
    topics,
    delivery: 'at-least-once',
    env: { COUNTER_FAIL_ON_AMOUNT: '13' },
  });
  const exit = await service.exited;
  expect(exit.code).toBe(1);
  expect(lastLines(service, 200)).toMatch(/processor \\"counter\\" threw: amount 13 is not supported/);
  // Its chunk (the record before it included) was rolled back, not committed past it: after a fix, it is processed.
  expect(await readWholeTopic(topics.counts)).toEqual([]);
  expect(await committedRecords(applicationId, topics.events)).toBe(0);
});
