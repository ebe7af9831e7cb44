// The route lag metric of the notifier as a process, against the real broker and a real HTTP
// receiver on loopback that first hangs, then answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningService, stopService } from '@churnwatch/cli/service-processes';
import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { freePort } from '@churnwatch/local-kafka';
import { createTestTopics, testKafka, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { startNotifier } from './start-notifier.ts';

let notifier: RunningService | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  if (notifier) await stopService(notifier);
  receiver?.closeAllConnections();
  receiver?.close();
});

test('alerts held back by a hanging receiver show as the route’s lag, which falls to 0 once it answers', async () => {
  const [alerts, failed] = (await createTestTopics(['alerts', 'failed-notifications'], { partitions: 2 })) as [string, string];
  let hanging = true;
  let hung = 0;
  const delivered = new Set<string>();
  receiver = createServer((request, response) => {
    request.resume();
    if (hanging) {
      hung++;
      return;
    }
    delivered.add(String(request.headers['idempotency-key']));
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const metricsPort = await freePort();
  notifier = startNotifier({ alerts, failed }, [{ name: 'hook', channel: 'webhook', url }], {
    CHURNWATCH_NOTIFIER_REQUEST_TIMEOUT_MS: '500',
    CHURNWATCH_NOTIFIER_MAX_ATTEMPTS: '100',
    CHURNWATCH_NOTIFIER_INITIAL_BACKOFF_MS: '50',
    CHURNWATCH_NOTIFIER_MAX_BACKOFF_MS: '200',
    CHURNWATCH_METRICS_PORT: String(metricsPort),
  });
  const example: ChurnRiskAlertV1 = contractExamples.alerts;
  const steps = ['a1', 'a2', 'a3'].map((id) => ({ ...example, alertId: id, eventId: `${id}:opened`, customerId: `c-${id}` }));
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({ topic: alerts, messages: steps.map((step) => ({ key: step.customerId, value: JSON.stringify(step) })) });
  await producer.disconnect();

  let lastLag: number | undefined;
  const lag = async () => {
    const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
      .then((response) => response.text())
      .catch(() => '');
    const match = /^churnwatch_notifier_lag_records\{[^}]*route="hook"[^}]*\} (\d+)$/m.exec(text);
    lastLag = match ? Number(match[1]) : undefined;
    return lastLag;
  };
  // While requests hang (and are retried), the alerts count as the route's lag.
  await waitFor(
    async () => (hung >= 2 && (await lag()) === 3 ? true : undefined),
    () => `hung requests (${hung}) while the lag shows the three alerts (${lastLag})`,
    60_000,
    250,
  );
  hanging = false;
  await waitFor(
    async () => ((await lag()) === 0 ? true : undefined),
    () => `the lag (${lastLag}) to fall to 0`,
    60_000,
    250,
  );
  expect([...delivered].sort()).toEqual(steps.map((step) => `${step.eventId}/hook`));
});
