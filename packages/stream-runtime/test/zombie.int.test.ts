// At least once, an instance frozen past its session timeout (SIGSTOP: a GC pause, a suspended VM)
// wakes up believing it still owns its partition. Its changelog records would then land after the
// new owner's and set the state back for whoever restores next. The membership lease keeps them out.
import { testBrokers, testKafka, uniqueName } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { sleep } from '../src/kafka/retry.ts';
import {
  committedAtLeast,
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
  waitUntilReady,
} from './harness.ts';

afterEach(killAllServices);

const options = { silenceAfterMs: 3_600_000, silenceClock: 'stream' } as const;

async function metric(service: ServiceProcess, name: string): Promise<number> {
  const text = await metricsText(service);
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

test('at-least-once: a zombie woken after the new owner finished writes no changelog record; the state restored next is the new owner’s', async () => {
  const topics = await createCounterTopics(1);
  const keys = 4;
  const perKey = 100;
  const startMs = recentStartMs();
  const input = makeEvents(keys, perKey, startMs, 10);
  await produceEvents(testKafka(), topics.events, input);
  const service = {
    brokers: testBrokers(),
    applicationId: uniqueName('zombie'),
    topics,
    delivery: 'at-least-once' as const,
    env: {
      // 20 ms a record, commits every second: frozen, the zombie holds a chunk of work not yet committed.
      COUNTER_DECODE_DELAY_MS: '20',
      COUNTER_SILENCE_AFTER_MS: String(options.silenceAfterMs),
      CHURNWATCH_COMMIT_INTERVAL_MS: '1000',
      CHURNWATCH_SESSION_TIMEOUT_MS: '6000',
    },
  };

  const zombie = await startCounterService(service);
  await waitUntilReady(zombie);
  await committedAtLeast(service.applicationId, topics.events, 100);
  zombie.child.kill('SIGSTOP');
  // The group expires the zombie and gives the partition to the successor, which reads to the end.
  const successor = await startCounterService(service);
  await committedAtLeast(service.applicationId, topics.events, input.length, 120_000);
  zombie.child.kill('SIGCONT');
  // It carries on with its chunk and its commit is due at once; its next heartbeat is refused.
  await sleep(6_000);
  const withheld = await metric(zombie, 'churnwatch_writes_withheld_total');
  for (const instance of [zombie, successor]) instance.child.kill('SIGKILL');
  await Promise.all([zombie.exited, successor.exited]);

  // A fresh instance restores the changelog; one more event per key shows the count it restored.
  const restorer = await startCounterService({ ...service, env: { ...service.env, COUNTER_DECODE_DELAY_MS: '0' } });
  await waitUntilReady(restorer);
  const more = makeEvents(keys, 1, startMs + input.length * 10, 10).map((e, k) => ({ ...e, eventId: `more-${k}` }));
  await produceEvents(testKafka(), topics.events, more);
  const expected = expectedOutputs([...input, ...more], 1, options).filter((o) => o.output === 'counts' && o.id.endsWith(`:count:${perKey + 1}`));
  expect(expected).toHaveLength(keys);
  const read = await readUntilIds(
    topics.counts,
    expected.map((o) => o.id),
    45_000,
  ).catch((error: unknown) => {
    throw new Error(`the restored counts are not the successor's: ${error}\n${lastLines(restorer)}\n--- zombie ---\n${lastLines(zombie, 60)}`);
  });
  const values = new Map(read.map((o) => [o.id, o.value]));
  for (const output of expected) expect(values.get(output.id), output.id).toEqual(output.value);
  // What kept the zombie's records out: it held its sends and commits back until the group had
  // answered. Frozen between two batches instead, it held nothing to send, and the first thing it
  // did on waking was the heartbeat that told it it had gone.
  const zombieLog = lastLines(zombie, 60);
  const frozenBetweenBatches = zombieLog.includes('The coordinator is not aware of this member');
  expect(withheld > 0 || frozenBetweenBatches, zombieLog).toBe(true);
}, 300_000);
