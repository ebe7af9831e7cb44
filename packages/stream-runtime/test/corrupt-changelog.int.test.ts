import { runKafkaTool } from '@churnwatch/local-kafka';
import { readWholeTopic, testBrokers, testKafka, uniqueName, waitFor, withAdmin } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { changelogTopicName, createLocalTopology, encodeChangelogEntry, partitionForKey } from '../src/index.ts';
import { retry, sleep } from '../src/kafka/retry.ts';
import { decodeEntry } from '../src/store/changelog-codec.ts';
import { counterProcessor } from './fixtures/counter-processor.ts';
import {
  createCounterTopics,
  expectedOutputs,
  killAllServices,
  lastLines,
  makeEvents,
  metricsText,
  produceEvents,
  readUntilIds,
  recentStartMs,
  type ServiceProcess,
  startCounterService,
} from './harness.ts';

afterEach(killAllServices);

const options = { silenceAfterMs: 60_000, silenceClock: 'stream' } as const;
const corruptPartition = 1;

const readyz = async (service: ServiceProcess) => {
  const response = await fetch(`http://127.0.0.1:${service.metricsPort}/readyz`);
  return { status: response.status, text: await response.text() };
};
const stoppedMetric = async (service: ServiceProcess, partition = corruptPartition) => {
  const text = await metricsText(service);
  const line = text.split('\n').find((l) => l.startsWith('churnwatch_partitions_stopped_total{') && l.includes(`partition="${partition}"`));
  return line;
};
/** Waiting for the new topic's leaders can meet a broker whose metadata does not know it yet: asked again (a topic already there is left as it is). */
const createChangelog = (changelog: string) =>
  retry(
    () =>
      withAdmin((admin) =>
        admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic: changelog, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
        }),
      ),
    { initialMs: 200, maxMs: 1_000, retriable: () => true, maxAttempts: 10 },
  );
/** Sends records to the changelog (a topic this new can be unknown to a broker's metadata for a moment). */
const writeChangelog = async (changelog: string, messages: { key: string; partition: number; value: string }[]) => {
  const producer = testKafka().producer();
  await producer.connect();
  await retry(() => producer.send({ topic: changelog, messages }), { initialMs: 200, maxMs: 1_000, retriable: () => true, maxAttempts: 20 });
  await producer.disconnect();
};
const waitForStopped = (service: ServiceProcess, partition: number) =>
  waitFor(
    async () => {
      const answer = await readyz(service).catch(() => undefined);
      return answer?.text.includes(`partition ${partition} stopped`) ? answer : undefined;
    },
    'readiness to name the stopped partition',
    60_000,
    200,
  ).catch((error) => {
    throw new Error(`${error}\n${lastLines(service)}`);
  });
const countLines = (service: ServiceProcess, text: string) =>
  service.output
    .join('')
    .split('\n')
    .filter((line) => line.includes(text)).length;

test('a changelog record that cannot be decoded stops its partition loudly, without retrying; the documented rebuild from the input recovers', async () => {
  const topics = await createCounterTopics(3);
  const input = makeEvents(12, 4, recentStartMs(), 10);
  await produceEvents(testKafka(), topics.events, input);
  const applicationId = uniqueName('corrupt');
  const changelog = changelogTopicName(applicationId, 'counter');
  await createChangelog(changelog);
  await writeChangelog(changelog, [
    { key: 'customer-old', partition: corruptPartition, value: encodeChangelogEntry({ state: { count: 1 }, timers: [], recentEventHashes: [] })! },
    { key: 'customer-bad', partition: corruptPartition, value: '{"v":1,"s":{"count":' },
  ]);

  const service = { brokers: testBrokers(), applicationId, topics, delivery: 'at-least-once' as const, env: { CHURNWATCH_COMMIT_INTERVAL_MS: '200' } };
  const first = await startCounterService(service);
  const reason = await waitForStopped(first, corruptPartition);
  expect(reason.status).toBe(503);
  expect(reason.text).toContain('customer-bad');
  expect(reason.text).toMatch(/not JSON/);

  // The other partitions work on.
  const expected = expectedOutputs(input, 3, options).filter((o) => o.output === 'counts');
  const healthy = expected.filter((o) => partitionForKey(o.key, 3) !== corruptPartition);
  expect(healthy.length).toBeGreaterThan(0);
  expect(healthy.length).toBeLessThan(expected.length);
  await readUntilIds(
    topics.counts,
    healthy.map((o) => o.id),
  );

  // Loud once, then quiet: no retry loop, the metric counted once, nothing of that partition processed.
  expect(await stoppedMetric(first)).toMatch(/code="STATE_CORRUPT".* 1$/);
  await sleep(4_000);
  expect(await stoppedMetric(first)).toMatch(/code="STATE_CORRUPT".* 1$/);
  expect((await readyz(first)).status).toBe(503);
  expect(countLines(first, `partition ${corruptPartition} stopped`)).toBe(1);
  expect(countLines(first, `initialising partition ${corruptPartition} failed`)).toBe(0);
  expect(first.child.exitCode).toBeNull();
  const outputKeys = (await readWholeTopic(topics.counts)).map((m) => m.key ?? '');
  expect(outputKeys.filter((key) => partitionForKey(key, 3) === corruptPartition)).toEqual([]);

  // The documented rebuild (runtime README, "Corrupt state"): stop, delete the changelog, rewind the group on its inputs, start.
  first.child.kill('SIGTERM');
  expect((await first.exited).code, lastLines(first)).toBe(0);
  const bootstrap = testBrokers().join(',');
  const deleted = await runKafkaTool('topics', ['--bootstrap-server', bootstrap, '--delete', '--topic', changelog]);
  expect(deleted.code, deleted.output).toBe(0);
  await waitFor(async () => ((await withAdmin((admin) => admin.listTopics())).includes(changelog) ? undefined : true), 'the changelog to be gone', 30_000, 200);
  const reset = await runKafkaTool('consumer-groups', [
    '--bootstrap-server',
    bootstrap,
    '--group',
    applicationId,
    '--reset-offsets',
    '--to-earliest',
    '--topic',
    topics.events,
    '--execute',
  ]);
  expect(reset.code, reset.output).toBe(0);

  const second = await startCounterService(service);
  await readUntilIds(
    topics.counts,
    expected.map((o) => o.id),
  ).catch((error) => {
    throw new Error(`${error}\n${lastLines(second)}`);
  });
  await waitFor(async () => ((await readyz(second)).status === 200 ? true : undefined), 'the rebuilt service to be ready', 60_000, 200);
  second.child.kill('SIGTERM');
  expect((await second.exited).code, lastLines(second)).toBe(0);

  // The rebuilt store holds the state of an uninterrupted run over the input, the bad key gone.
  const topology = createLocalTopology({ processors: [counterProcessor(options)], partitions: 3 });
  for (const e of input) topology.push({ input: 'events', key: e.key, value: { amount: e.amount }, eventTimeMs: e.eventTimeMs, eventId: e.eventId });
  const latest = new Map((await readWholeTopic(changelog)).filter((m) => m.key && !m.key.startsWith('\u0000')).map((m) => [m.key!, m.value]));
  expect([...latest.keys()].sort()).toEqual([...new Set(input.map((e) => e.key))].sort());
  for (const [key, value] of latest) expect(decodeEntry(value!).state, key).toEqual(topology.state('counter', key));
}, 300_000);

// A restore into the packed store reads only an entry's timers (encodedTimers); its state is checked at its first read.
test('an entry whose state turns out corrupt at its first read stops its partition once, as a corrupt restore does', async () => {
  const topics = await createCounterTopics(3);
  const input = makeEvents(12, 4, recentStartMs(), 10);
  const badKey = 'customer-5';
  const badPartition = partitionForKey(badKey, 3);
  const applicationId = uniqueName('corrupt-read');
  const changelog = changelogTopicName(applicationId, 'counter');
  await createChangelog(changelog);
  await writeChangelog(changelog, [{ key: badKey, partition: badPartition, value: '{"v":1,"h":[1],"s":{"count":}' }]);
  await produceEvents(testKafka(), topics.events, input);

  const service = await startCounterService({
    brokers: testBrokers(),
    applicationId,
    topics,
    delivery: 'at-least-once',
    env: { CHURNWATCH_COMMIT_INTERVAL_MS: '200' },
  });
  const reason = await waitForStopped(service, badPartition);
  expect(reason.status).toBe(503);
  expect(reason.text).toContain(`the stored entry of key "${badKey}"`);

  const healthy = expectedOutputs(input, 3, options).filter((o) => o.output === 'counts' && partitionForKey(o.key, 3) !== badPartition);
  await readUntilIds(
    topics.counts,
    healthy.map((o) => o.id),
  );
  await sleep(4_000);
  expect(await stoppedMetric(service, badPartition)).toMatch(/code="STATE_CORRUPT".* 1$/);
  expect(countLines(service, `partition ${badPartition} stopped`)).toBe(1);
  expect(countLines(service, 'redoing it from the last commit')).toBe(0);
  expect((await readWholeTopic(topics.counts)).filter((m) => m.key === badKey)).toEqual([]);
  service.child.kill('SIGTERM');
  expect((await service.exited).code, lastLines(service)).toBe(0);
}, 180_000);
