import { createTestTopics, readWholeTopic, testBrokers, testKafka, uniqueName } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { createCounterTopics, killAllServices, lastLines, produceEvents, readUntilIds, startCounterService, type TestEvent, toOutput } from './harness.ts';

afterEach(killAllServices);

test('table rows already in the log are read before the events beside them, whatever order the fetches return', async () => {
  const topics = await createCounterTopics(2);
  const [labels] = (await createTestTopics(['labels'], { partitions: 2 })) as [string];
  const t0 = Date.now() - 3_600_000;
  const keys = Array.from({ length: 40 }, (_, index) => `k${index}`);
  const rowsPerKey = 600;
  const eventsPerKey = 10;
  // A table partition larger than one fetch (its rows an update history), beside a few events: the
  // events' partition is fetched whole while the table's still has rows to come.
  const rows: TestEvent[] = [];
  for (let version = 0; version < rowsPerKey; version++)
    for (const key of keys) rows.push({ key, eventId: `${key}-row-${version}`, eventTimeMs: t0 - 60_000 + version, amount: 1000 });
  await produceEvents(testKafka(), labels, rows);
  const events: TestEvent[] = [];
  for (let round = 0; round < eventsPerKey; round++)
    for (const key of keys) events.push({ key, eventId: `${key}-${round}`, eventTimeMs: t0 + round * 1000, amount: 1 });
  await produceEvents(testKafka(), topics.events, events);

  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('table-first'),
    topics,
    delivery: 'at-least-once',
    env: { COUNTER_SILENCE_AFTER_MS: '86400000', CHURNWATCH_TOPIC_LABELS: labels },
  });
  const total = rowsPerKey + eventsPerKey;
  await readUntilIds(
    topics.counts,
    keys.map((key) => `${key}:count:${total}`),
    120_000,
  ).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  const counts = (await readWholeTopic(topics.counts)).map(toOutput);
  for (const key of keys) {
    // Every row of the key came before its first event: counts up to the rows' number are rows only.
    const rowsOnly = counts.find((output) => output.id === `${key}:count:${rowsPerKey}`);
    expect(rowsOnly?.value, key).toEqual({ count: rowsPerKey, total: rowsPerKey * 1000 });
    const last = counts.find((output) => output.id === `${key}:count:${total}`);
    expect(last?.value, key).toEqual({ count: total, total: rowsPerKey * 1000 + eventsPerKey });
  }
  expect(service.output.join('')).toContain('table inputs read; stream inputs start');
});
