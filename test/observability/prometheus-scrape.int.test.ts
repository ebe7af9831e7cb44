// A real Prometheus (Debian's package) scrapes a running service and sees its counters.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, startService, stopService } from '@churnwatch/cli/service-processes';
import { contractExamples } from '@churnwatch/contracts';
import { freePort } from '@churnwatch/local-kafka';
import { LocalPrometheus } from '@churnwatch/local-prometheus';
import { createTestTopics, testBrokers, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';

let service: RunningService | undefined;
let prometheus: LocalPrometheus | undefined;
afterEach(async () => {
  await prometheus?.stop();
  if (service) await stopService(service);
});

test('Prometheus scrapes a service and sees what it counted', async () => {
  const [alerts, failed] = (await createTestTopics(['alerts', 'failed'])) as [string, string];
  const metricsPort = await freePort();
  service = startService(
    {
      name: 'notifier',
      env: {
        CHURNWATCH_KAFKA_BROKERS: testBrokers().join(','),
        CHURNWATCH_TOPIC_ALERTS: alerts,
        CHURNWATCH_TOPIC_FAILED_NOTIFICATIONS: failed,
        CHURNWATCH_APPLICATION_ID: uniqueName('notifier'),
        // Nothing listens on port 9 of loopback: every delivery is refused and ends as a failure.
        CHURNWATCH_NOTIFIER_ROUTES: JSON.stringify([{ name: 'nowhere', channel: 'webhook', url: 'http://127.0.0.1:9/hook' }]),
        CHURNWATCH_NOTIFIER_MAX_ATTEMPTS: '1',
        CHURNWATCH_METRICS_PORT: String(metricsPort),
      },
    },
    mkdtempSync(join(tmpdir(), 'churnwatch-prom-')),
  );
  prometheus = await LocalPrometheus.start({ targets: [{ job: 'notifier', address: `127.0.0.1:${metricsPort}` }] });

  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic: alerts,
    messages: [1, 2, 3].map((n) => ({ key: 'c', value: JSON.stringify({ ...contractExamples.alerts, eventId: `e${n}` }) })),
  });
  await producer.disconnect();

  const up = await waitFor(async () => (await prometheus?.query('up{job="notifier"} == 1'))?.[0], 'the notifier target to be up', 60_000);
  expect(up.metric.instance).toBe(`127.0.0.1:${metricsPort}`);
  const failures = await waitFor(
    async () => {
      const [series] = (await prometheus?.query('sum(churnwatch_notifications_total{outcome="failed"})')) ?? [];
      return series?.value === 3 ? series : undefined;
    },
    'three failed deliveries in Prometheus',
    60_000,
  );
  expect(failures.value).toBe(3);
  const [processMemory] = await prometheus.query('churnwatch_process_resident_memory_bytes{job="notifier"}');
  expect(processMemory?.metric.service).toBe('notifier');
});
