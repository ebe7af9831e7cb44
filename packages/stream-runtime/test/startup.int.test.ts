import { freePort } from '@churnwatch/local-kafka';
import { uniqueName, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { killAllServices, startCounterService } from './harness.ts';

afterEach(killAllServices);

test('with no broker at start-up the service retries with a clear log line, is alive but not ready, then exits non-zero', async () => {
  const deadPort = await freePort();
  const service = await startCounterService({
    brokers: [`127.0.0.1:${deadPort}`],
    applicationId: uniqueName('no-broker'),
    topics: { events: 'e', counts: 'c', silences: 's', deadLetters: 'd' },
    delivery: 'at-least-once',
    env: { CHURNWATCH_STARTUP_TIMEOUT_MS: '6000' },
  });
  const health = async (path: string) => (await fetch(`http://127.0.0.1:${service.metricsPort}${path}`)).status;
  await waitFor(() => (service.output.join('').includes('Kafka is not reachable') ? true : undefined), 'a retry log line', 15_000);
  expect(await health('/healthz')).toBe(200);
  expect(await health('/readyz')).toBe(503);
  const exit = await service.exited;
  expect(exit.code).toBe(1);
  const lines = service.output.join('');
  expect(lines).toMatch(/retrying in \d+ ms/);
  expect(lines).toContain('Kafka was not reachable within 6000 ms');
});

test('invalid configuration stops the service at once, naming every bad variable', async () => {
  const service = await startCounterService({
    brokers: ['127.0.0.1:1'],
    applicationId: 'bad id with spaces',
    topics: { events: 'e', counts: 'c', silences: 's', deadLetters: 'd' },
    delivery: 'at-least-once',
    env: { CHURNWATCH_DELIVERY: 'twice', CHURNWATCH_SESSION_TIMEOUT_MS: 'soon' },
  });
  const exit = await service.exited;
  expect(exit.code).not.toBe(0);
  const text = service.output.join('');
  for (const variable of ['CHURNWATCH_APPLICATION_ID', 'CHURNWATCH_DELIVERY', 'CHURNWATCH_SESSION_TIMEOUT_MS']) expect(text).toContain(variable);
});
