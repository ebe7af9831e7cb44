// The daily digest on the real broker: the notifier as a process, a webhook receiver on loopback.
// Low-severity steps of an owner wait for the owner's local digest time and arrive as one message;
// a warning goes out at once; after a restart the digest is not sent again. A second route chooses
// what it digests (warnings only): there the warning waits and the rest goes out at once.

import type { RunningService } from '@churnwatch/cli/service-processes';
import { stopService } from '@churnwatch/cli/service-processes';
import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { createTestTopics, type HttpReceiver, startHttpReceiver, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { startNotifier } from './start-notifier.ts';

let notifier: RunningService | undefined;
let receiver: HttpReceiver | undefined;
afterEach(async () => {
  if (notifier) await stopService(notifier);
  await receiver?.close();
});

/** The next whole minute at least 25 s away, as HH:MM in UTC, and its instant. */
function nextDigestMinute(): { at: string; atMs: number } {
  const atMs = Math.ceil((Date.now() + 25_000) / 60_000) * 60_000;
  return { at: new Date(atMs).toISOString().slice(11, 16), atMs };
}

test('low-severity steps arrive once, as one digest at the local time; a warning at once; a restart sends nothing again', { timeout: 240_000 }, async () => {
  const [alerts, failed, digestItems, digests, deadLetters] = (await createTestTopics(['alerts', 'failed', 'digest-items', 'digests', 'dead-letters'])) as [
    string,
    string,
    string,
    string,
    string,
  ];
  receiver = await startHttpReceiver(() => ({ status: 200 }));
  const { at, atMs } = nextDigestMinute();
  // The receiver stamps arrivals with performance.now(); the digest instant on that clock.
  const digestAtPerfMs = performance.now() + (atMs - Date.now());
  // A webhook route: alerts arrive as alert JSON, digests as digest JSON.
  const routes = [
    { name: 'cs-hook', channel: 'webhook', url: `${receiver.url}/hook`, digest: { at, timeZone: 'UTC' } },
    { name: 'warnings-hook', channel: 'webhook', url: `${receiver.url}/warnings`, digest: { at, timeZone: 'UTC', severities: ['warning'], kinds: [] } },
  ];
  const env = {
    CHURNWATCH_APPLICATION_ID: uniqueName('notifier'),
    CHURNWATCH_TOPIC_DIGEST_ITEMS: digestItems,
    CHURNWATCH_TOPIC_DIGESTS: digests,
    CHURNWATCH_TOPIC_DEAD_LETTERS: deadLetters,
  };
  notifier = startNotifier({ alerts, failed }, routes, env);

  const nowIso = new Date().toISOString();
  const base: ChurnRiskAlertV1 = { ...contractExamples.alerts, eventTime: nowIso, owner: { name: 'Dana Owner', email: 'dana@example.com' } };
  const renewal: ChurnRiskAlertV1 = {
    ...base,
    kind: 'renewal_upcoming',
    severity: 'info',
    alertId: 'r1',
    eventId: 'r1-1',
    customerId: 'cust-1',
    summary: 'Renews on 2027-01-31',
  };
  const lowUsage: ChurnRiskAlertV1 = { ...base, severity: 'info', alertId: 'u2', eventId: 'u2-1', customerId: 'cust-2', summary: 'Usage dipped 20 %' };
  const warning: ChurnRiskAlertV1 = { ...base, severity: 'warning', alertId: 'w3', eventId: 'w3-1', customerId: 'cust-3' };
  const otherOwner: ChurnRiskAlertV1 = {
    ...lowUsage,
    alertId: 'o4',
    eventId: 'o4-1',
    customerId: 'cust-4',
    owner: { name: 'Elin', email: 'elin@example.com' },
  };
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic: alerts,
    messages: [renewal, lowUsage, warning, otherOwner].map((alert) => ({ key: alert.customerId, value: JSON.stringify(alert) })),
  });
  await producer.disconnect();

  const received = (path = '/hook') =>
    (receiver?.received ?? [])
      .filter((request) => request.path === path)
      .map((request) => ({
        atMs: request.atMs,
        idempotencyKey: request.headers['idempotency-key'],
        body: JSON.parse(request.body) as { eventId?: string; digestId?: string; items?: { eventId: string }[]; owner?: string },
      }));
  await waitFor(() => (received().length >= 1 ? true : undefined), 'the warning at once', 90_000);
  expect(Date.now()).toBeLessThan(atMs);
  expect(received().map((message) => message.body.eventId)).toEqual([warning.eventId]);
  await waitFor(() => (received('/warnings').length >= 3 ? true : undefined), 'the warnings route’s other steps at once', 30_000);
  expect(Date.now()).toBeLessThan(atMs);
  expect(
    received('/warnings')
      .map((message) => message.body.eventId)
      .sort(),
  ).toEqual([lowUsage.eventId, otherOwner.eventId, renewal.eventId].sort());

  const digestsSeen = () => received().filter((message) => message.body.digestId !== undefined);
  await waitFor(() => (digestsSeen().length >= 2 ? true : undefined), 'the two owners’ digests', 150_000, 250);
  expect(digestsSeen().every((message) => message.atMs >= digestAtPerfMs - 50)).toBe(true);
  const byOwner = Object.fromEntries(digestsSeen().map((message) => [message.body.owner, message.body.items?.map((item) => item.eventId)]));
  expect(byOwner).toEqual({ 'dana@example.com': ['r1-1', 'u2-1'], 'elin@example.com': ['o4-1'] });
  const date = new Date(atMs).toISOString().slice(0, 10);
  expect(
    digestsSeen()
      .map((message) => message.idempotencyKey)
      .sort(),
  ).toEqual([`digest:cs-hook/dana@example.com:${date}/cs-hook`, `digest:cs-hook/elin@example.com:${date}/cs-hook`]);
  const warningDigests = () => received('/warnings').filter((message) => message.body.digestId !== undefined);
  await waitFor(() => (warningDigests().length >= 1 ? true : undefined), 'the warnings route’s digest', 30_000, 250);
  expect(warningDigests().map((message) => [message.body.owner, message.body.items?.map((item) => item.eventId)])).toEqual([
    ['dana@example.com', [warning.eventId]],
  ]);

  // Restarted with the same application id: state and offsets come back, no digest goes out again.
  await stopService(notifier);
  notifier = startNotifier({ alerts, failed }, routes, env);
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  expect(digestsSeen()).toHaveLength(2);
  expect(received()).toHaveLength(3);
  expect(received('/warnings')).toHaveLength(4);
});
