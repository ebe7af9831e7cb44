import { readTopicUntil, readWholeTopic, testBrokers, testKafka, uniqueName, withAdmin } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { changelogTopicName, createLocalTopology } from '../src/index.ts';
import { decodeEntry } from '../src/store/changelog-codec.ts';
import { counterProcessor } from './fixtures/counter-processor.ts';
import {
  byId,
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
} from './harness.ts';

afterEach(killAllServices);

const options = { silenceAfterMs: 150, silenceClock: 'stream' } as const;

test.each(['at-least-once', 'exactly-once'] as const)(
  '%s: a service stopped by SIGTERM mid-stream and restarted ends with the state and outputs of an uninterrupted run',
  async (delivery) => {
    const topics = await createCounterTopics(3);
    const { events, counts, silences } = topics;
    // 400 records a partition in chunks of 50 at 4 ms a record: the stop lands with most of them still to come.
    const input = makeEvents(12, 100, recentStartMs(), 10);
    await produceEvents(testKafka(), events, input);
    const applicationId = uniqueName('restart');
    const service = {
      brokers: testBrokers(),
      applicationId,
      topics,
      delivery,
      env: { COUNTER_DECODE_DELAY_MS: '4', COUNTER_SILENCE_AFTER_MS: '150' },
    };

    const first = await startCounterService(service);
    await readTopicUntil(counts, (read) => read.length >= 60, { timeoutMs: 60_000 });
    const stoppedAt = Date.now();
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit.code, lastLines(first)).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    const partial = await readWholeTopic(counts);
    expect(partial.length).toBeLessThan(input.length);

    const second = await startCounterService(service);
    const expected = expectedOutputs(input, 3, options);
    const expectedCounts = expected.filter((o) => o.output === 'counts');
    const expectedSilences = expected.filter((o) => o.output === 'silences');
    const readCounts = await readUntilIds(
      counts,
      expectedCounts.map((o) => o.id),
    ).catch((error) => {
      throw new Error(`${error}\n${lastLines(second)}`);
    });
    const readSilences = await readUntilIds(
      silences,
      expectedSilences.map((o) => o.id),
    );
    // At least once: every output is there, a repeated one carries the same id and the same value.
    const wanted = byId(expected);
    for (const output of [...readCounts, ...readSilences]) expect(output.value, output.id).toEqual(wanted.get(output.id));

    // Once stopped (the last commit: the changelog trails by up to the commit interval while it runs),
    // the changelog holds exactly the state of an uninterrupted run.
    second.child.kill('SIGTERM');
    expect((await second.exited).code, lastLines(second)).toBe(0);
    const topology = createLocalTopology({ processors: [counterProcessor(options)], partitions: 3 });
    for (const e of input) topology.push({ input: 'events', key: e.key, value: { amount: e.amount }, eventTimeMs: e.eventTimeMs, eventId: e.eventId });
    const changelog = await readWholeTopic(changelogTopicName(applicationId, 'counter'));
    const latest = new Map(changelog.filter((m) => m.key && !m.key.startsWith('\u0000')).map((m) => [m.key!, m.value]));
    expect(latest.size).toBe(12);
    for (const [key, value] of latest) {
      expect(decodeEntry(value!).state, key).toEqual(topology.state('counter', key));
      expect(decodeEntry(value!).timers, key).toEqual(topology.timers('counter', key));
    }
  },
);

/** The counter's state per key on the changelog, its reserved keys left out. */
async function changelogStates(applicationId: string): Promise<Map<string, unknown>> {
  const changelog = await readWholeTopic(changelogTopicName(applicationId, 'counter'));
  return new Map(changelog.filter((m) => m.key && !m.key.startsWith('\u0000')).map((m) => [m.key!, decodeEntry(m.value!).state]));
}

test('at-least-once: when the consumer commit after a changelog write is lost, the next owner reads on after what the changelog has taken up', async () => {
  const topics = await createCounterTopics(1);
  // 100 records a key: far more than a key's recent event ids (16) would recognise if they were read again.
  const input = makeEvents(3, 100, recentStartMs(), 10);
  await produceEvents(testKafka(), topics.events, input);
  const applicationId = uniqueName('lost-commit');
  const service = {
    brokers: testBrokers(),
    applicationId,
    topics,
    delivery: 'at-least-once' as const,
    env: { COUNTER_SILENCE_AFTER_MS: '150', CHURNWATCH_COMMIT_INTERVAL_MS: '200' },
  };

  const first = await startCounterService(service);
  await committedAtLeast(applicationId, topics.events, input.length);
  first.child.kill('SIGTERM');
  expect((await first.exited).code, lastLines(first)).toBe(0);
  const processedOnce = await changelogStates(applicationId);

  // The changelog is written, then the offsets are committed: the crash between the two, for the group.
  await withAdmin((admin) => admin.setOffsets({ groupId: applicationId, topic: topics.events, partitions: [{ partition: 0, offset: '0' }] }));

  const second = await startCounterService(service);
  // It commits the offsets the changelog had taken up, without a record to read.
  await committedAtLeast(applicationId, topics.events, input.length).catch((error) => {
    throw new Error(`${error}\n${lastLines(second)}`);
  });
  second.child.kill('SIGTERM');
  expect((await second.exited).code, lastLines(second)).toBe(0);
  const topology = createLocalTopology({ processors: [counterProcessor(options)], partitions: 1 });
  for (const e of input) topology.push({ input: 'events', key: e.key, value: { amount: e.amount }, eventTimeMs: e.eventTimeMs, eventId: e.eventId });
  const states = await changelogStates(applicationId);
  expect(states.size).toBe(3);
  for (const [key, state] of states) {
    expect(state, key).toEqual(topology.state('counter', key));
    expect(state, key).toEqual(processedOnce.get(key));
  }
  expect(second.output.join('')).toMatch(/the changelog has taken up records past the committed offset/);
});
