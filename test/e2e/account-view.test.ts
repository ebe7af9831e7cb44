// The account view end to end on the real broker and a real PostgreSQL: the six detection
// services, the account store and the account page as processes. One customer ("declining", whose
// usage falls for two weeks and comes back) is followed from its first usage event to its row in
// PostgreSQL, its alert history there, and its page.

import { type RunningService, startService, stopService } from '@churnwatch/cli/service-processes';
import { churnRiskAlertV1 } from '@churnwatch/contracts';
import { freePort } from '@churnwatch/local-kafka';
import { createTestDatabase, readWholeTopic, type TestDatabase, testBrokers, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { customerMix, type MixRecord } from './support/customer-mix.ts';
import {
  createDetectionTopics,
  type DetectionTopics,
  detectionServiceNames,
  makeWorkDir,
  type StartedDetectionService,
  startDetectionServices,
  stopDetectionServices,
  writeDetectionConfig,
} from './support/detection-services.ts';

const customer = 'declining';
const token = 'an-end-to-end-token-long-enough';
let detection: StartedDetectionService[] = [];
const accountServices: RunningService[] = [];
let database: TestDatabase | undefined;
let client: pg.Client | undefined;

afterAll(async () => {
  await Promise.all(accountServices.map((service) => stopService(service)));
  await stopDetectionServices(detection);
  await client?.end();
  await database?.drop();
});

async function produce(topic: string, records: readonly MixRecord[]): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, messages: records.map((record) => ({ key: record.key, value: JSON.stringify(record.value) })) });
  } finally {
    await producer.disconnect();
  }
}

async function produceAll(topics: DetectionTopics, records: readonly MixRecord[]): Promise<void> {
  for (const [input, ofInput] of Map.groupBy(records, (record) => record.input)) await produce(topics[input], ofInput);
}

const topicVariable = (name: string) => `CHURNWATCH_TOPIC_${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;

test('one customer from its first usage event to its row, its alert history and its page', async () => {
  const mix = customerMix(Date.now());
  const topics = await createDetectionTopics(3);
  const workDir = makeWorkDir();
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();

  await produceAll(topics, mix.profiles);
  detection = await startDetectionServices(detectionServiceNames, {
    topics,
    workDir,
    env: { CHURNWATCH_DETECTION_CONFIG_FILE: writeDetectionConfig(workDir, { usageMetric: 'sessions', allowedSegments: ['smb', 'enterprise'] }) },
  });
  const shared = {
    CHURNWATCH_KAFKA_BROKERS: testBrokers().join(','),
    CHURNWATCH_DATABASE_URL: database.url,
    CHURNWATCH_KAFKA_LOG_LEVEL: 'error',
    ...Object.fromEntries(Object.entries(topics).map(([name, topic]) => [topicVariable(name), topic])),
  };
  accountServices.push(
    startService(
      { name: 'account-store', env: { ...shared, CHURNWATCH_APPLICATION_ID: uniqueName('account-store'), CHURNWATCH_METRICS_PORT: String(await freePort()) } },
      workDir,
    ),
  );
  const pagePort = await freePort();
  accountServices.push(
    startService(
      {
        name: 'account-page',
        env: {
          ...shared,
          CHURNWATCH_METRICS_PORT: String(await freePort()),
          CHURNWATCH_ACCOUNT_PAGE_PORT: String(pagePort),
          CHURNWATCH_ACCOUNT_PAGE_TOKEN: token,
        },
      },
      workDir,
    ),
  );

  const firstUsage = mix.events.find((record) => record.key === customer && record.input === 'usage');
  expect(firstUsage).toBeDefined();
  await produceAll(topics, mix.events);

  // Its alert history on the topic, as the detection services wrote it.
  const expectedSteps = mix.expected[customer]?.usage_declining ?? [];
  expect(expectedSteps).toEqual(['opened critical', 'resolved critical']);
  const onTopic = await waitFor(
    async () => {
      const alerts = (await readWholeTopic(topics.alerts)).map((message) => churnRiskAlertV1.parse(JSON.parse(message.value ?? 'null')));
      const ofCustomer = alerts.filter((alert) => alert.customerId === customer);
      return ofCustomer.length >= expectedSteps.length ? ofCustomer : undefined;
    },
    'the customer’s alert steps on the alerts topic',
    180_000,
    2_000,
  );

  // Its rows: every step once, the alert's state the latest step, its health.
  const steps = await waitFor(
    async () => {
      const rows = (
        await client!
          .query('select event_id, status, severity from alert_step where customer_id = $1 order by event_time, event_id', [customer])
          .catch(() => ({ rows: [] }))
      ).rows;
      return rows.length >= expectedSteps.length ? rows : undefined;
    },
    'the alert steps in PostgreSQL',
    120_000,
    1_000,
  );
  expect(steps.map((row) => `${row.status} ${row.severity}`)).toEqual(expectedSteps);
  expect(steps.map((row) => row.event_id).sort()).toEqual(onTopic.map((alert) => alert.eventId).sort());
  const alertRow = (await client.query('select alert_id, status, kind, owner_name, segment from alert where customer_id = $1', [customer])).rows;
  expect(alertRow).toEqual([{ alert_id: onTopic[0]!.alertId, status: 'resolved', kind: 'usage_declining', owner_name: 'Ana Silva', segment: 'enterprise' }]);
  const health = await waitFor(
    async () => (await client!.query('select score, band, segment, factors, as_of from customer_health where customer_id = $1', [customer])).rows[0],
    'the customer’s health row',
    60_000,
    1_000,
  );
  expect(health.segment).toBe('enterprise');
  expect(health.factors.map((factor: { factor: string }) => factor.factor)).toContain('usage_trend');
  expect((health.as_of as Date).getTime()).toBeGreaterThanOrEqual(firstUsage!.eventTimeMs);
  const profile = (await client.query('select owner_name from customer_profile where customer_id = $1', [customer])).rows[0];
  expect(profile).toEqual({ owner_name: 'Ana Silva' });

  // Its page: refused without the token; with it, its health, owner and both steps of its alert.
  const url = `http://127.0.0.1:${pagePort}/customers/${customer}`;
  await waitFor(async () => ((await fetch(url).catch(() => undefined))?.status === 401 ? true : undefined), 'the page to answer', 60_000, 500);
  const page = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
  expect(page).toContain('owner Ana Silva · segment enterprise');
  expect(page).toContain(`${Math.round(Number(health.score))}/100`);
  const timeline = page.slice(page.indexOf('id="timeline"'));
  expect([...timeline.matchAll(/<td>usage declining<\/td><td>(\w+)<\/td>/g)].map((match) => match[1])).toEqual(['resolved', 'opened']);
});
