import { readWholeTopic, testBrokers, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import {
  committedAtLeast,
  committedRecords,
  createCounterTopics,
  expectedOutputs,
  killAllServices,
  lastLines,
  makeEvents,
  produceEvents,
  readUntilIds,
  recentStartMs,
  type ServiceProcess,
  startCounterService,
  toOutput,
  waitUntilReady,
} from './harness.ts';

afterEach(killAllServices);

const options = { silenceAfterMs: 250, silenceClock: 'stream' } as const;

test('two, then three instances in one group while partitions move give the outputs of one instance', async () => {
  const partitions = 6;
  const topics = await createCounterTopics(partitions);
  const { events } = topics;
  // Long enough (about 30 s of decoding for one instance) that partitions move while it is read.
  const input = makeEvents(24, 60, recentStartMs(), 10);
  await produceEvents(testKafka(), events, input);
  const service = {
    brokers: testBrokers(),
    applicationId: uniqueName('scale'),
    topics,
    delivery: 'exactly-once' as const,
    env: { COUNTER_DECODE_DELAY_MS: '20', COUNTER_SILENCE_AFTER_MS: String(options.silenceAfterMs) },
  };
  const progress = (atLeast: number) => committedAtLeast(service.applicationId, events, atLeast);

  const owns = (instance: ServiceProcess) =>
    instance.output
      .join('')
      .split('\n')
      .some((line) => line.includes('joined the consumer group') && /"partitions":\[\d/.test(line));
  const takesPartitions = (instance: ServiceProcess) => waitFor(() => (owns(instance) ? true : undefined), 'the new instance to own partitions', 60_000);

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
  // Partitions did move while records were being processed.
  expect(withThree).toBeLessThan(input.length);

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
}, 300_000);
