import { readWholeTopic, testBrokers, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { sleep } from '../src/kafka/retry.ts';
import {
  committedAtLeast,
  committedRecords,
  createCounterTopics,
  expectedOutputs,
  killAllServices,
  lastLines,
  makeEvents,
  readUntilIds,
  recentStartMs,
  type ServiceProcess,
  startCounterService,
  type TestEvent,
  toOutput,
  waitUntilReady,
} from './harness.ts';

afterEach(killAllServices);

const options = { silenceAfterMs: 250, silenceClock: 'stream' } as const;

test('two, then three instances in one group while the stream runs and partitions move give the outputs of one instance', async () => {
  const partitions = 6;
  const topics = await createCounterTopics(partitions);
  const { events } = topics;
  // The stream keeps coming while instances join and leave: a round of 24 events every 100 ms.
  const planned = makeEvents(24, 2_000, recentStartMs(), 10);
  const input: TestEvent[] = [];
  let feeding = true;
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const feeder = (async () => {
    for (let round = 0; feeding && (round + 1) * 24 <= planned.length; round++) {
      const batch = planned.slice(round * 24, (round + 1) * 24);
      await producer.send({
        topic: events,
        messages: batch.map((e) => ({ key: e.key, value: JSON.stringify({ eventId: e.eventId, eventTimeMs: e.eventTimeMs, amount: e.amount }) })),
      });
      input.push(...batch);
      await sleep(100);
    }
  })();
  const service = {
    brokers: testBrokers(),
    applicationId: uniqueName('scale'),
    topics,
    delivery: 'exactly-once' as const,
    env: { COUNTER_DECODE_DELAY_MS: '2', COUNTER_SILENCE_AFTER_MS: String(options.silenceAfterMs) },
  };
  const progress = (atLeast: number) => committedAtLeast(service.applicationId, events, atLeast);

  const owns = (instance: ServiceProcess) =>
    instance.output
      .join('')
      .split('\n')
      .some((line) => line.includes('joined the consumer group') && /"partitions":\[\d/.test(line));
  const takesPartitions = (instance: ServiceProcess) => waitFor(() => (owns(instance) ? true : undefined), 'the new instance to own partitions', 120_000);

  const first = await startCounterService(service);
  await waitUntilReady(first);
  await progress(60);
  const second = await startCounterService(service);
  await takesPartitions(second);
  const withTwo = await committedRecords(service.applicationId, events);
  await progress(withTwo + 60);
  const third = await startCounterService(service);
  await takesPartitions(third);
  const withThree = await committedRecords(service.applicationId, events);
  await progress(withThree + 60);
  second.child.kill('SIGTERM');
  expect((await second.exited).code, lastLines(second)).toBe(0);
  await progress((await committedRecords(service.applicationId, events)) + 60);
  feeding = false;
  await feeder;
  await producer.disconnect();
  // Records were produced, and processed, before and after every change of membership.
  expect(withTwo).toBeGreaterThanOrEqual(60);
  expect(withThree).toBeGreaterThan(withTwo);
  expect(input.length).toBeGreaterThan(withThree + 120);

  const expected = expectedOutputs(input, partitions, options);
  for (const output of ['counts', 'silences'] as const) {
    const wanted = expected.filter((o) => o.output === output);
    const topic = topics[output];
    await readUntilIds(
      topic,
      wanted.map((o) => o.id),
    ).catch((error) => {
      throw new Error(`${error}\n${lastLines(first)}\n${lastLines(third)}`);
    });
    const committed = (await readWholeTopic(topic, { readCommitted: true })).map(toOutput);
    expect(committed.map((o) => o.id).sort()).toEqual(wanted.map((o) => o.id).sort());
    const values = new Map(wanted.map((o) => [o.id, o.value]));
    for (const o of committed) expect(o.value, o.id).toEqual(values.get(o.id));
  }
}, 400_000);
