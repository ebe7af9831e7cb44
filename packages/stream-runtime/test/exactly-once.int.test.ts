import { readWholeTopic, testBrokers, testKafka, uniqueName } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { sleep } from '../src/kafka/retry.ts';
import {
  committedAtLeast,
  createCounterTopics,
  expectedOutputs,
  killAllServices,
  lastLines,
  makeEvents,
  produceEvents,
  readUntilIds,
  recentStartMs,
  startCounterService,
  toOutput,
  waitUntilReady,
} from './harness.ts';

afterEach(killAllServices);

const options = { silenceAfterMs: 120, silenceClock: 'stream' } as const;

test('exactly-once: kill -9 mid-batch, again and again, leaves no duplicate and no missing output', async () => {
  const topics = await createCounterTopics(3);
  const { events, counts, silences } = topics;
  const input = makeEvents(15, 30, recentStartMs(), 10);
  await produceEvents(testKafka(), events, input);
  const service = {
    brokers: testBrokers(),
    applicationId: uniqueName('eos'),
    topics,
    delivery: 'exactly-once' as const,
    // 10 ms a record: 4.5 s of work in all, so a restarted victim cannot finish the input between
    // two looks at its progress (every 200 ms) and every round has something left to kill.
    env: { COUNTER_DECODE_DELAY_MS: '10', COUNTER_SILENCE_AFTER_MS: String(options.silenceAfterMs) },
  };

  let kills = 0;
  let committedBefore = 0;
  for (let round = 0; round < 3; round++) {
    const victim = await startCounterService(service);
    await waitUntilReady(victim);
    // Let it make some committed progress, then kill it somewhere inside a batch. The target
    // never passes the input's end: a victim killed near it leaves fewer than 25 to commit.
    const target = Math.min(committedBefore + 25, input.length);
    committedBefore = await committedAtLeast(service.applicationId, events, target);
    if (committedBefore >= input.length) break;
    await sleep(50 + Math.floor(Math.random() * 150));
    victim.child.kill('SIGKILL');
    await victim.exited;
    kills++;
  }
  expect(kills).toBeGreaterThanOrEqual(2);

  const survivor = await startCounterService(service);
  const expected = expectedOutputs(input, 3, options);
  const expectedCounts = expected.filter((o) => o.output === 'counts');
  const expectedSilences = expected.filter((o) => o.output === 'silences');
  await readUntilIds(
    counts,
    expectedCounts.map((o) => o.id),
  ).catch((error) => {
    throw new Error(`${error}\n${lastLines(survivor)}`);
  });
  await readUntilIds(
    silences,
    expectedSilences.map((o) => o.id),
  );

  for (const [topic, wanted] of [
    [counts, expectedCounts],
    [silences, expectedSilences],
  ] as const) {
    const committed = (await readWholeTopic(topic, { readCommitted: true })).map(toOutput);
    // Exactly once: each output once, with the value of an uninterrupted run.
    expect(committed.map((o) => o.id).sort()).toEqual(wanted.map((o) => o.id).sort());
    const values = new Map(wanted.map((o) => [o.id, o.value]));
    for (const output of committed) expect(output.value, output.id).toEqual(values.get(output.id));
  }
  // Aborted attempts are in the log, invisible to read_committed readers.
  const everything = await readWholeTopic(counts, { readCommitted: false });
  expect(everything.length).toBeGreaterThanOrEqual(expectedCounts.length);
}, 300_000);
