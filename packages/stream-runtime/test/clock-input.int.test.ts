import { createTestTopics, readWholeTopic, testBrokers, testKafka, uniqueName } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import {
  createCounterTopics,
  killAllServices,
  lastLines,
  produceAtPace,
  produceEvents,
  readUntilIds,
  startCounterService,
  type TestEvent,
  toOutput,
  waitUntilReady,
} from './harness.ts';

afterEach(killAllServices);

const dayMs = 86_400_000;
const silenceAfterMs = 2 * dayMs;

/** A sparse `events` topic beside a dense `ticks` topic read only as a clock; silences are wall-clock timers two days after a key's last event. */
async function startWithClock(name: string, env: Record<string, string> = {}) {
  const applicationId = uniqueName(name);
  const topics = await createCounterTopics(1);
  const [ticks] = (await createTestTopics(['ticks'], { partitions: 1 })) as [string];
  const start = () =>
    startCounterService({
      brokers: testBrokers(),
      applicationId,
      topics,
      delivery: 'exactly-once',
      env: {
        CHURNWATCH_TOPIC_TICKS: ticks,
        COUNTER_SILENCE_CLOCK: 'wall',
        COUNTER_SILENCE_AFTER_MS: String(silenceAfterMs),
        CHURNWATCH_WALL_CLOCK_CHECK_INTERVAL_MS: '20',
        // Long enough that no pause of the test releases the timers to the wall clock: only stream time fires them.
        CHURNWATCH_WALL_CLOCK_HOLD_IDLE_MS: '300000',
        ...env,
      },
    });
  return { applicationId, topics, ticks, start };
}

const dailyTicks = (fromMs: number, days: number): TestEvent[] =>
  Array.from({ length: days }, (_, day) => ({ key: `tick-${day % 3}`, eventId: `t${day}`, eventTimeMs: fromMs + day * dayMs, amount: 0 }));

test("a sparse input's timer fires when the clock input's history passes it, before the sparse input's next record", async () => {
  const { topics, ticks, start } = await startWithClock('clock');
  const service = await start();
  await waitUntilReady(service);
  const firstMs = Date.now() - 60 * dayMs;
  await produceEvents(testKafka(), topics.events, [{ key: 'a', eventId: 'a1', eventTimeMs: firstMs, amount: 1 }]);
  // A backfill: a day of history per 100 ms on the dense topic, and nothing more on the sparse one.
  await produceAtPace(
    testKafka(),
    ticks,
    dailyTicks(firstMs, 6).map((tick) => [tick]),
    () => 100,
  );
  const expectedId = `a:silence:${firstMs + silenceAfterMs}`;
  const [silence] = await readUntilIds(topics.silences, [expectedId], 30_000).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  expect(silence?.value).toEqual({ count: 1, atMs: firstMs + silenceAfterMs });
  // The clock's records went no further: counted nowhere, dead-lettered nowhere.
  const counts = (await readWholeTopic(topics.counts, { readCommitted: true })).map(toOutput);
  expect(counts.map((o) => o.id)).toEqual(['a:count:1']);
  expect(await readWholeTopic(topics.deadLetters)).toHaveLength(0);
});

test('the clock waits while the sparse input has records unread, so a timer they move is not fired ahead of them', async () => {
  const { topics, ticks, start } = await startWithClock('clock-gate');
  const firstMs = Date.now() - 60 * dayMs;
  const sparse: TestEvent[] = [
    { key: 'a', eventId: 'a1', eventTimeMs: firstMs, amount: 1 },
    { key: 'a', eventId: 'a2', eventTimeMs: firstMs + dayMs, amount: 1 },
  ];
  // All of it in the log before the service starts: the dense topic's fetch may come first, and
  // fired on it, a silence after a's first record (day 2) would go out before a's record of day 1
  // moved it to day 3.
  await produceEvents(testKafka(), ticks, dailyTicks(firstMs, 15));
  await produceEvents(testKafka(), topics.events, sparse);
  const service = await start();
  const expectedId = `a:silence:${firstMs + dayMs + silenceAfterMs}`;
  await readUntilIds(topics.silences, [expectedId], 60_000).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const all = (await readWholeTopic(topics.silences, { readCommitted: true })).map(toOutput);
  expect(all.map((o) => [o.id, o.value])).toEqual([[expectedId, { count: 2, atMs: firstMs + dayMs + silenceAfterMs }]]);
});

test('an own input written in transactions: its commit markers do not keep the clock shut', async () => {
  const { topics, ticks, start } = await startWithClock('clock-txn');
  const service = await start();
  await waitUntilReady(service);
  const firstMs = Date.now() - 60 * dayMs;
  // As a service writes in exactly-once mode: each batch of records ends in a commit marker.
  const producer = testKafka().producer({ transactionalId: uniqueName('own-input'), idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const transaction = await producer.transaction();
    await transaction.send({ topic: topics.events, messages: [{ key: 'a', value: JSON.stringify({ eventId: 'a1', eventTimeMs: firstMs, amount: 1 }) }] });
    await transaction.commit();
  } finally {
    await producer.disconnect();
  }
  await produceEvents(testKafka(), ticks, dailyTicks(firstMs, 4));
  const expectedId = `a:silence:${firstMs + silenceAfterMs}`;
  await readUntilIds(topics.silences, [expectedId], 30_000).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
});

test('a clock record its decoder refuses never moves the clock, even when it comes last in its batch', async () => {
  const { topics, ticks, start } = await startWithClock('clock-refused');
  const service = await start();
  await waitUntilReady(service);
  const firstMs = Date.now() - 60 * dayMs;
  await produceEvents(testKafka(), topics.events, [{ key: 'a', eventId: 'a1', eventTimeMs: firstMs, amount: 1 }]);
  // One send, so one batch: a valid tick a day on, then a tick past the silence whose amount the
  // decoder refuses (the service that reads the topic as its input would dead-letter it).
  const refused = { key: 'tick-0', eventId: 'bad', eventTimeMs: firstMs + 10 * dayMs, amount: 'lots' as unknown as number };
  await produceEvents(testKafka(), ticks, [{ key: 'tick-0', eventId: 't1', eventTimeMs: firstMs + dayMs, amount: 0 }, refused]);
  // Many rounds of fetches: a clock that took the refused time would have fired the silence by now.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  expect(await readWholeTopic(topics.silences, { readCommitted: true })).toHaveLength(0);
  await produceEvents(testKafka(), ticks, [{ key: 'tick-1', eventId: 't3', eventTimeMs: firstMs + 3 * dayMs, amount: 0 }]);
  const expectedId = `a:silence:${firstMs + silenceAfterMs}`;
  await readUntilIds(topics.silences, [expectedId], 30_000).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  expect(await readWholeTopic(topics.deadLetters)).toHaveLength(0);
});

test("with clock leaders, the clock's records move stream time only once every leader's group has committed past them", async () => {
  const leaderGroup = uniqueName('clock-leader');
  const otherLeader = uniqueName('clock-leader');
  const { applicationId, topics, ticks, start } = await startWithClock('clock-led', { CHURNWATCH_CLOCK_LEADER_GROUPS: `${leaderGroup},${otherLeader}` });
  const service = await start();
  await waitUntilReady(service);
  const firstMs = Date.now() - 60 * dayMs;
  await produceEvents(testKafka(), topics.events, [{ key: 'a', eventId: 'a1', eventTimeMs: firstMs, amount: 1 }]);
  await produceEvents(testKafka(), ticks, dailyTicks(firstMs, 6));
  // Unled, the silence two days on comes within a second or two (the tests above); the leader has committed nothing.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  expect(await readWholeTopic(topics.silences, { readCommitted: true })).toHaveLength(0);
  expect(lastLines(service)).toContain('a clock leader has committed nothing');

  const admin = testKafka().admin();
  await admin.connect();
  try {
    // The clock's records are read but not committed past while their time waits: a restart reads them again.
    const committedTicks = async () => (await admin.fetchOffsets({ groupId: applicationId, topics: [ticks] }))[0]?.partitions[0]?.offset;
    expect(['-1', '0']).toContain(await committedTicks());
    await admin.setOffsets({ groupId: leaderGroup, topic: ticks, partitions: [{ partition: 0, offset: '6' }] });
    // One leader past them is not enough: the other has committed nothing.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await readWholeTopic(topics.silences, { readCommitted: true })).toHaveLength(0);
    await admin.setOffsets({ groupId: otherLeader, topic: ticks, partitions: [{ partition: 0, offset: '6' }] });
    const expectedId = `a:silence:${firstMs + silenceAfterMs}`;
    await readUntilIds(topics.silences, [expectedId], 30_000).catch((error) => {
      throw new Error(`${error}\n${lastLines(service)}`);
    });
    await expect.poll(committedTicks, { timeout: 10_000, interval: 250 }).toBe('6');
  } finally {
    await admin.disconnect();
  }
});
