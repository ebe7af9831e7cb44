// The notifier as a process against the real broker and real HTTP receivers: signed deliveries that
// stay verifiable across a secret rotation, Retry-After in both forms, and a failing route that
// does not hold back the others.

import { randomBytes } from 'node:crypto';
import { type RunningService, stopService } from '@churnwatch/cli/service-processes';
import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { freePort } from '@churnwatch/local-kafka';
import { createTestTopics, type HttpReceiver, startHttpReceiver, testKafka, waitFor } from '@churnwatch/testkit';
import { Webhook } from 'standardwebhooks';
import { afterEach, expect, test } from 'vitest';
import { startNotifier } from './start-notifier.ts';

let notifier: RunningService | undefined;
let receiver: HttpReceiver | undefined;
afterEach(async () => {
  if (notifier) await stopService(notifier);
  await receiver?.close();
});

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;

test('signed with two secrets, verifiable by either; a route that is down waits for its Retry-After without holding back the others', async () => {
  const [alerts, failed] = (await createTestTopics(['alerts', 'failed-notifications'], { partitions: 1 })) as [string, string];
  let downIsUp = false;
  let downAnswers = 0;
  receiver = await startHttpReceiver((request) => {
    if (request.path !== '/down' || downIsUp) return { status: 200 };
    // Alternate the two forms of Retry-After: delay-seconds and an HTTP date.
    downAnswers += 1;
    const retryAfter = downAnswers % 2 === 1 ? '1' : new Date(Date.now() + 2000).toUTCString();
    return { status: 503, headers: { 'retry-after': retryAfter } };
  });
  const [oldSecret, newSecret] = [secret(), secret()];
  const routes = [
    { name: 'signed', channel: 'webhook', url: `${receiver.url}/signed` },
    { name: 'down', channel: 'webhook', url: `${receiver.url}/down` },
  ];
  notifier = startNotifier({ alerts, failed }, routes, {
    CHURNWATCH_NOTIFIER_SIGNING_SECRETS: JSON.stringify({ signed: [oldSecret, newSecret] }),
    CHURNWATCH_NOTIFIER_MAX_ATTEMPTS: '30',
    CHURNWATCH_NOTIFIER_INITIAL_BACKOFF_MS: '50',
    CHURNWATCH_NOTIFIER_MAX_BACKOFF_MS: '5000',
    CHURNWATCH_METRICS_PORT: String(await freePort()),
  });

  const first: ChurnRiskAlertV1 = contractExamples.alerts;
  const second: ChurnRiskAlertV1 = { ...first, alertId: 'a2', eventId: 'a2-1', customerId: 'cust-0043' };
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic: alerts,
    messages: [first, second].map((alert) => ({ key: alert.customerId, value: JSON.stringify(alert) })),
  });
  await producer.disconnect();

  const on = (path: string) => receiver?.received.filter((request) => request.path === path) ?? [];
  // The signed route delivers both while the other route is still refused.
  await waitFor(() => (on('/signed').length >= 2 ? true : undefined), 'both alerts on the signed route', 90_000);
  await waitFor(() => (on('/down').length > 0 ? true : undefined), 'the down route to be tried', 90_000);
  expect(on('/down').every((request) => request.status === 503)).toBe(true);

  for (const request of on('/signed')) {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    expect(headers['webhook-id']).toBe(headers['idempotency-key']);
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    // A receiver still on the old secret and one already on the new secret both accept it.
    expect(new Webhook(oldSecret).verify(request.body, headers)).toEqual(JSON.parse(request.body));
    expect(new Webhook(newSecret).verify(request.body, headers)).toEqual(JSON.parse(request.body));
  }
  expect(on('/signed').map((request) => request.headers['webhook-id'])).toEqual([`${first.eventId}/signed`, `${second.eventId}/signed`]);

  await waitFor(() => (on('/down').length >= 3 ? true : undefined), 'three refused attempts', 60_000);
  downIsUp = true;
  await waitFor(() => (on('/down').filter((request) => request.status === 200).length >= 2 ? true : undefined), 'the route back up delivers both', 60_000);
  // Each retry waited at least what its Retry-After asked (1 s, or up to the next whole second of an HTTP date).
  const downTimes = on('/down').map((request) => request.atMs);
  const gaps = downTimes.slice(1, 3).map((atMs, index) => atMs - (downTimes[index] as number));
  expect(gaps.every((gapMs) => gapMs >= 900)).toBe(true);
  expect(
    on('/down')
      .filter((request) => request.status === 200)
      .map((request) => JSON.parse(request.body).eventId),
  ).toEqual([first.eventId, second.eventId]);
  // Unsigned route: no signature headers.
  expect(on('/down')[0]?.headers['webhook-signature']).toBeUndefined();
});
