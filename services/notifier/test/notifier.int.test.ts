// The notifier as a process against the real broker and a real HTTP receiver on loopback.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningService, stopService } from '@churnwatch/cli/service-processes';
import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { freePort } from '@churnwatch/local-kafka';
import { createTestTopics, readTopicUntil, testKafka, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { failedNotificationV1 } from '../src/failed-notification.ts';
import { startNotifier } from './start-notifier.ts';

interface Received {
  readonly path: string;
  readonly status: number;
  readonly idempotencyKey: string | undefined;
  readonly body: unknown;
}

async function startReceiver(answer: (path: string, seen: number) => number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const seenByPath = new Map<string, number>();
  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => resolve(text));
    });
  const server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    const seen = seenByPath.get(path) ?? 0;
    seenByPath.set(path, seen + 1);
    const status = answer(path, seen);
    const body = JSON.parse(await readBody(request));
    received.push({ path, status, idempotencyKey: request.headers['idempotency-key'] as string | undefined, body });
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

let notifier: RunningService | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  if (notifier) await stopService(notifier);
  receiver?.close();
});

test('alerts reach every matching route once, flaky receivers are retried, rejections and bad records are kept', async () => {
  const [alerts, failed] = (await createTestTopics(['alerts', 'failed-notifications'], { partitions: 2 })) as [string, string];
  // /flaky fails twice before it accepts; /gone refuses everything for good.
  const http = await startReceiver((path, seen) => (path === '/gone' ? 410 : path === '/flaky' && seen < 2 ? 503 : 200));
  receiver = http.server;
  const routes = [
    { name: 'ok', channel: 'webhook', url: `${http.url}/ok` },
    { name: 'flaky', channel: 'slack', url: `${http.url}/flaky`, match: { minSeverity: 'warning' } },
    { name: 'gone', channel: 'teams', url: `${http.url}/gone`, match: { kinds: ['usage_declining'] } },
  ];
  const metricsPort = await freePort();
  notifier = startNotifier({ alerts, failed }, routes, {
    CHURNWATCH_NOTIFIER_INITIAL_BACKOFF_MS: '50',
    CHURNWATCH_NOTIFIER_MAX_BACKOFF_MS: '200',
    CHURNWATCH_METRICS_PORT: String(metricsPort),
  });

  const first: ChurnRiskAlertV1 = contractExamples.alerts;
  const second: ChurnRiskAlertV1 = { ...first, kind: 'renewal_at_risk', severity: 'info', alertId: 'a2', eventId: 'a2:opened' };
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic: alerts,
    messages: [
      { key: first.customerId, value: JSON.stringify(first) },
      { key: second.customerId, value: JSON.stringify(second) },
      { key: first.customerId, value: '{"not":"an alert"}' },
    ],
  });
  await producer.disconnect();

  const failures = (await readTopicUntil(failed, (messages) => messages.length >= 2, { timeoutMs: 60_000 })).map((m) =>
    failedNotificationV1.parse(JSON.parse(m.value ?? '')),
  );
  expect(failures.map((f) => [f.route, f.reason, f.alertEventId]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
    ['-', expect.stringMatching(/^not a valid alert \(schema_violation\): .*schemaVersion/), null],
    ['gone', 'rejected: HTTP 410', first.eventId],
  ]);
  await waitFor(() => (http.received.filter((r) => r.status === 200).length >= 3 ? true : undefined), 'three deliveries');

  const byPath = (path: string) => http.received.filter((r) => r.path === path);
  expect(byPath('/ok').map((r) => [r.status, r.idempotencyKey])).toEqual([
    [200, `${first.eventId}/ok`],
    [200, `${second.eventId}/ok`],
  ]);
  expect(byPath('/ok')[0]?.body).toEqual(first);
  // Only the warning alert matches the Slack route: two 503s, then delivered, with one key throughout.
  expect(byPath('/flaky').map((r) => [r.status, r.idempotencyKey])).toEqual([
    [503, `${first.eventId}/flaky`],
    [503, `${first.eventId}/flaky`],
    [200, `${first.eventId}/flaky`],
  ]);
  expect(byPath('/gone')).toHaveLength(1);

  const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((response) => response.text());
  expect(metrics).toMatch(/churnwatch_notifications_total\{[^}]*route="ok"[^}]*outcome="delivered"[^}]*\} 2\b/);
  expect(metrics).toMatch(/churnwatch_notifications_total\{[^}]*route="gone"[^}]*outcome="failed"[^}]*\} 1\b/);
  expect(metrics).toMatch(/churnwatch_notifications_total\{[^}]*route="-"[^}]*outcome="invalid"[^}]*\} 1\b/);
});
