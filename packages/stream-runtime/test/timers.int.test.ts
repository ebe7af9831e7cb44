import { createTestTopics, readTopicUntil, readWholeTopic, testBrokers, testKafka, uniqueName } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import {
  createCounterTopics,
  expectedOutputs,
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

test('a wall-clock timer fires for a customer who sends nothing more', async () => {
  const topics = await createCounterTopics(1);
  const silenceAfterMs = 1500;
  const sentAt = Date.now();
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('wall'),
    topics,
    delivery: 'at-least-once',
    env: { COUNTER_SILENCE_CLOCK: 'wall', COUNTER_SILENCE_AFTER_MS: String(silenceAfterMs) },
  });
  await produceEvents(testKafka(), topics.events, [{ key: 'quiet', eventId: 'only-one', eventTimeMs: sentAt, amount: 1 }]);
  const [silence] = await readTopicUntil(topics.silences, (read) => read.length >= 1, { timeoutMs: 30_000 }).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  const firedAt = Date.now();
  expect(silence?.headers['churnwatch-id']).toBe(`quiet:silence:${sentAt + silenceAfterMs}`);
  expect(JSON.parse(silence?.value ?? 'null')).toEqual({ count: 1, atMs: sentAt + silenceAfterMs });
  // Nothing else arrived: only the wall clock can have fired it, and not before its time.
  expect(firedAt).toBeGreaterThanOrEqual(sentAt + silenceAfterMs);
  expect((await readWholeTopic(topics.events)).length).toBe(1);
});

test('a stream-time timer fires live at the same logical moment as in a replay', async () => {
  const topics = await createCounterTopics(1);
  const t0 = Date.now() - 60_000;
  // a's silence (t0+100) is due before b's record at t0+150; a late record of a (t0+120) leaves stream
  // time at t0+150 and moves a's silence to t0+220, which b's record at t0+300 fires with a's count 2.
  const input: TestEvent[] = [
    { key: 'a', eventId: '1', eventTimeMs: t0, amount: 1 },
    { key: 'b', eventId: '2', eventTimeMs: t0 + 150, amount: 1 },
    { key: 'a', eventId: '3', eventTimeMs: t0 + 120, amount: 1 },
    { key: 'b', eventId: '4', eventTimeMs: t0 + 300, amount: 1 },
    { key: 'c', eventId: '5', eventTimeMs: t0 + 1000, amount: 1 },
  ];
  await produceEvents(testKafka(), topics.events, input);
  const options = { silenceAfterMs: 100, silenceClock: 'stream' } as const;
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('stream'),
    topics,
    delivery: 'exactly-once',
    env: { COUNTER_SILENCE_CLOCK: 'stream', COUNTER_SILENCE_AFTER_MS: String(options.silenceAfterMs) },
  });
  const expected = expectedOutputs(input, 1, options).filter((o) => o.output === 'silences');
  expect(expected.map((o) => o.value)).toEqual([
    { count: 1, atMs: t0 + 100 },
    { count: 2, atMs: t0 + 220 },
    { count: 1, atMs: t0 + 250 },
    { count: 2, atMs: t0 + 400 },
  ]);
  const live = await readUntilIds(
    topics.silences,
    expected.map((o) => o.id),
  ).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  // Same firings, same values, same order (one partition).
  expect(live.map((o) => [o.id, o.value])).toEqual(expected.map((o) => [o.id, o.value]));
  expect((await readWholeTopic(topics.silences, { readCommitted: true })).map(toOutput)).toHaveLength(expected.length);
});

test('wall-clock timers wait while a partition reads history, then fire for the customers really silent', async () => {
  const topics = await createCounterTopics(1);
  const dayMs = 86_400_000;
  const now = Date.now();
  const silenceAfterMs = 2 * dayMs;
  // A month of history: "active" daily up to two hours ago, "gone" daily until ten days ago, and
  // enough of a busy third customer that the history takes several fetches to read. Each event moves
  // its key's silence timer two days past it, a moment already past while the history is read.
  const input: TestEvent[] = [];
  for (let day = 30; day >= 0; day--) {
    const dayStart = now - day * dayMs - 2 * 3_600_000;
    input.push({ key: 'active', eventId: `a${day}`, eventTimeMs: dayStart, amount: 1 });
    if (day >= 10) input.push({ key: 'gone', eventId: `g${day}`, eventTimeMs: dayStart, amount: 1 });
    for (let i = 0; i < 1000; i++) input.push({ key: 'busy', eventId: `b${day}-${i}`, eventTimeMs: dayStart + (i + 1) * 60_000, amount: 1 });
  }
  await produceEvents(testKafka(), topics.events, input);
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('backfill'),
    topics,
    delivery: 'at-least-once',
    env: {
      COUNTER_SILENCE_CLOCK: 'wall',
      COUNTER_SILENCE_AFTER_MS: String(silenceAfterMs),
      CHURNWATCH_MAX_WORK_PER_CHUNK: '500',
      CHURNWATCH_WALL_CLOCK_CHECK_INTERVAL_MS: '20',
    },
  });
  await waitUntilReady(service);
  const lastGone = now - 10 * dayMs - 2 * 3_600_000;
  const expectedId = `gone:silence:${lastGone + silenceAfterMs}`;
  const silences = await readUntilIds(topics.silences, [expectedId], 90_000).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  // Give a wrongly fired timer time to show up, then check that the one expected is all there is.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const all = (await readWholeTopic(topics.silences)).map(toOutput);
  expect(silences.map((o) => o.id)).toEqual([expectedId]);
  expect(all.map((o) => o.value)).toEqual([{ count: 21, atMs: lastGone + silenceAfterMs }]);
});

test('wall-clock timers wait through a pause of a history produced at a steady pace, as on a sparse topic of a backfill', async () => {
  const topics = await createCounterTopics(1);
  const dayMs = 86_400_000;
  const now = Date.now();
  const silenceAfterMs = 2 * dayMs;
  // Sixty days of history written at a day per 100 ms: "steady" daily to the end, "gone" until ten
  // days before it. After day 30 the writer pauses 2.5 s, longer than the idle time: steady's
  // silence (two days after its last event) is then long past on the wall clock, but the history
  // still to come shows steady active. At the pace the history came, 25 of the 30 days left fit
  // the pause, which is shorter than the 3 s the history has been coming.
  const groups: TestEvent[][] = [];
  for (let day = 60; day >= 0; day--) {
    const atMs = now - day * dayMs - 2 * 3_600_000;
    const group = [{ key: 'steady', eventId: `s${day}`, eventTimeMs: atMs, amount: 1 }];
    if (day >= 10) group.push({ key: 'gone', eventId: `g${day}`, eventTimeMs: atMs, amount: 1 });
    groups.push(group);
  }
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('paced'),
    topics,
    delivery: 'at-least-once',
    env: {
      COUNTER_SILENCE_CLOCK: 'wall',
      COUNTER_SILENCE_AFTER_MS: String(silenceAfterMs),
      CHURNWATCH_WALL_CLOCK_CHECK_INTERVAL_MS: '20',
      CHURNWATCH_WALL_CLOCK_HOLD_IDLE_MS: '1000',
    },
  });
  await waitUntilReady(service);
  await produceAtPace(testKafka(), topics.events, groups, (group) => (group === 30 ? 2500 : 100));
  // gone's silence fires by stream time, as steady's event of the same moment passes it.
  const lastGone = now - 10 * dayMs - 2 * 3_600_000;
  const expectedId = `gone:silence:${lastGone + silenceAfterMs}`;
  await readUntilIds(topics.silences, [expectedId], 30_000).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const all = (await readWholeTopic(topics.silences)).map(toOutput);
  expect(all.map((o) => [o.id, o.value])).toEqual([[expectedId, { count: 51, atMs: lastGone + silenceAfterMs }]]);
});

test('a table read ahead of the events does not move stream time', async () => {
  const topics = await createCounterTopics(1);
  const [labels] = (await createTestTopics(['labels'], { partitions: 1 })) as [string];
  const t0 = Date.now() - 60_000;
  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId: uniqueName('table'),
    topics,
    delivery: 'at-least-once',
    env: { COUNTER_SILENCE_CLOCK: 'stream', COUNTER_SILENCE_AFTER_MS: '100', CHURNWATCH_TOPIC_LABELS: labels },
  });
  const step = async (topic: string, events: TestEvent[], ids: string[]) => {
    await produceEvents(testKafka(), topic, events);
    await readUntilIds(topics.counts, ids, 30_000).catch((error) => {
      throw new Error(`${error}\n${lastLines(service)}`);
    });
  };
  await step(
    topics.events,
    [
      { key: 'a', eventId: '1', eventTimeMs: t0, amount: 1 },
      { key: 'b', eventId: '2', eventTimeMs: t0 + 50, amount: 1 },
    ],
    ['a:count:1', 'b:count:1'],
  );
  // A table row updated long after the events read so far, as a small table topic is fetched
  // ahead of a busy event topic: had it moved stream time, a's silence (due t0+100) would fire
  // now, before a's next event at t0+80.
  await step(labels, [{ key: 'b', eventId: 'label', eventTimeMs: t0 + 10_000, amount: 0 }], ['b:count:2']);
  await step(
    topics.events,
    [
      { key: 'a', eventId: '3', eventTimeMs: t0 + 80, amount: 1 },
      { key: 'c', eventId: '4', eventTimeMs: t0 + 1000, amount: 1 },
    ],
    ['a:count:2', 'c:count:1'],
  );
  // b's row counts as its latest activity (t0+10000), so only a is silent by t0+1000.
  const expected = `a:silence:${t0 + 180}`;
  await readUntilIds(topics.silences, [expected]);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const all = (await readWholeTopic(topics.silences)).map(toOutput);
  expect(all.map((o) => [o.id, o.value])).toEqual([[expected, { count: 2, atMs: t0 + 180 }]]);
});
