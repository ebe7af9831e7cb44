// The whole detection pipeline on the real broker: six services as processes (four monitors, the
// risk scorer, the KPI aggregator) fed a seeded mix of customers. The alerts topic must carry
// exactly the expected life-cycle steps, each with evidence and once, the health table a record
// per customer, the KPI aggregator gauges per segment, and the alerts must equal what the
// in-memory local topology makes of the same input with the same configuration.
import { type ChurnRiskAlertV1, churnRiskAlertV1, createContractRegistry, createEncoder, customerHealthV1, topicContracts } from '@churnwatch/contracts';
import { createDetectionProcessors, parseDetectionConfig, type RetentionKpisV1 } from '@churnwatch/detection';
import { createLocalTopology } from '@churnwatch/stream-runtime';
import { readTopicUntil, readWholeTopic, testKafka, uniqueName, waitFor, withAdmin } from '@churnwatch/testkit';
import { afterEach, expect, inject, test } from 'vitest';
import { customerMix, expectedSteps, MIX_DETECTION_CONFIG, type MixRecord, stepsOf } from './support/customer-mix.ts';
import {
  createDetectionTopics,
  type DetectionServiceName,
  type DetectionTopics,
  detectionServiceNames,
  makeWorkDir,
  type StartedDetectionService,
  scrape,
  seriesValue,
  startDetectionServices,
  stopDetectionServices,
  waitForSeries,
  writeDetectionConfig,
} from './support/detection-services.ts';

const PARTITIONS = 3;
let services: StartedDetectionService[] = [];

afterEach(async () => {
  await stopDetectionServices(services);
  services = [];
});

/**
 * Writes records with their customer keys; in one transaction, so that a service sees all of them
 * or none. Complaints go in Confluent Avro framing through the schema registry, the rest as JSON:
 * the services detect the format per record.
 */
async function produce(topics: DetectionTopics, records: readonly MixRecord[], transactional: boolean): Promise<void> {
  const avro = createEncoder({ format: 'confluent-avro', registry: createContractRegistry({ url: inject('schemaRegistryUrl') }) });
  const producer = transactional
    ? testKafka().producer({ transactionalId: uniqueName('mix'), idempotent: true, maxInFlightRequests: 1 })
    : testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  const byTopic = Map.groupBy(records, (record) => topics[record.input]);
  const batches = await Promise.all(
    [...byTopic].map(async ([topic, ofTopic]) => ({
      topic,
      messages: await Promise.all(
        ofTopic.map(async (record) => ({
          key: record.key,
          value: record.input === 'complaints' ? await avro.encode(topicContracts.complaints, topic, record.value) : JSON.stringify(record.value),
        })),
      ),
    })),
  );
  await producer.connect();
  try {
    if (transactional) {
      const transaction = await producer.transaction();
      for (const batch of batches) await transaction.send(batch);
      await transaction.commit();
    } else {
      for (const batch of batches) await producer.send(batch);
    }
  } finally {
    await producer.disconnect();
  }
}

/** Waits until no output topic grows and no consumer group moves for `quietMs`: every service has caught up and its due timers fired. */
async function waitUntilSettled(topics: DetectionTopics, applicationIds: readonly string[], quietMs = 4000): Promise<void> {
  const watched = [topics.signals, topics.alerts, topics.customerHealth, topics.kpi, topics.retentionKpis];
  const snapshot = () =>
    withAdmin(async (admin) => {
      const ends = await Promise.all(watched.map((topic) => admin.fetchTopicOffsets(topic)));
      const groups = await Promise.all(applicationIds.map((groupId) => admin.fetchOffsets({ groupId })));
      return JSON.stringify([ends, groups]);
    });
  let last = await snapshot();
  let quietSince = Date.now();
  await waitFor(
    async () => {
      const now = await snapshot();
      if (now !== last) {
        last = now;
        quietSince = Date.now();
      }
      return Date.now() - quietSince >= quietMs ? true : undefined;
    },
    'the pipeline to settle',
    120_000,
    500,
  );
}

/** Event ids per customer and kind, in order. */
function idsOf(alerts: readonly ChurnRiskAlertV1[]): Record<string, string[]> {
  const byKind = Object.groupBy(alerts, (alert) => `${alert.customerId} ${alert.kind}`);
  return Object.fromEntries(Object.entries(byKind).map(([key, ofKind]) => [key, (ofKind ?? []).map((alert) => alert.eventId)]));
}

/**
 * `event-time`: the services read usage as their clock, the risk scorer too (CHURNWATCH_CLOCK_INPUTS=on),
 * led by every monitor, so it scores the signals in event-time order: every customer's steps then
 * come in the local topology's order, however the monitors' writes interleave.
 */
test.each([
  ['at-least-once', 'arrival'],
  ['exactly-once', 'arrival'],
  ['exactly-once', 'event-time'],
] as const)(
  '%s, risk scorer in %s order: a seeded mix of customers gives exactly the expected alerts, the health table and segment KPIs, as the local topology does',
  async (delivery, scorerOrder) => {
    const startedAt = Date.now();
    const mix = customerMix(startedAt);
    const topics = await createDetectionTopics(PARTITIONS);
    const workDir = makeWorkDir();

    // Profiles first, so that every service knows each customer's segment before its first event.
    await produce(topics, mix.profiles, false);
    services = await startDetectionServices(detectionServiceNames, {
      topics,
      workDir,
      env: {
        CHURNWATCH_DETECTION_CONFIG_FILE: writeDetectionConfig(workDir, MIX_DETECTION_CONFIG),
        CHURNWATCH_SCHEMA_REGISTRY_URL: inject('schemaRegistryUrl'),
        CHURNWATCH_DELIVERY: delivery,
        ...(scorerOrder === 'event-time' ? { CHURNWATCH_CLOCK_INPUTS: 'on' } : {}),
      },
    });
    const service = (name: DetectionServiceName) => services.find((s) => s.name === name) as StartedDetectionService;
    for (const name of ['usage-monitor', 'contract-monitor', 'complaint-monitor', 'purchase-monitor', 'risk-scorer'] as const) {
      await waitForSeries(service(name), 'churnwatch_records_processed_total', { topic: topics.customerProfiles }, mix.profiles.length);
    }
    await produce(topics, mix.events, true);

    const expectedCount = Object.values(mix.expected).flatMap((kinds) => Object.values(kinds).flat()).length;
    await readTopicUntil(topics.alerts, (messages) => messages.length >= expectedCount, { timeoutMs: 120_000 });
    await waitUntilSettled(
      topics,
      services.map((s) => s.applicationId),
    );
    const alerts = (await readWholeTopic(topics.alerts)).map((message) => {
      const alert = churnRiskAlertV1.parse(JSON.parse(message.value ?? 'null'));
      expect(message.key).toBe(alert.customerId);
      expect(message.headers['churnwatch-id']).toBe(alert.eventId);
      return alert;
    });

    // Exactly the expected steps, one per problem, each once, with evidence.
    expect(stepsOf(alerts)).toEqual(expectedSteps(mix));
    expect(new Set(alerts.map((alert) => alert.eventId)).size).toBe(alerts.length);
    for (const kind of new Set(alerts.map((alert) => alert.kind))) {
      expect(
        new Set(alerts.filter((alert) => alert.kind === kind && alert.status === 'opened').map((alert) => `${alert.customerId} ${alert.alertId}`)).size,
      ).toBe(alerts.filter((alert) => alert.kind === kind && alert.status === 'opened').length);
    }
    for (const alert of alerts) expect(alert.evidence.length).toBeGreaterThan(0);
    const opened = (customerId: string, kind: string) =>
      alerts.find((alert) => alert.customerId === customerId && alert.kind === kind && alert.status === 'opened');
    expect(opened('declining', 'usage_declining')).toMatchObject({
      segment: 'enterprise',
      owner: { name: 'Ana Silva' },
      evidence: [{ detector: 'usage-decline' }],
    });
    expect(opened('silent', 'usage_stopped')).toMatchObject({ segment: 'default', evidence: [{ detector: 'usage-silence' }] });
    expect(opened('renewing', 'renewal_at_risk')).toMatchObject({
      segment: 'smb',
      owner: { name: 'Tom Berg' },
      renewalDate: mix.renewalDate,
      valueAtRisk: { amount: '24000.00', currency: 'EUR', basis: 'recurring_revenue' },
      evidence: [{ detector: 'renewal-risk', observed: { autoRenew: false } }],
    });
    expect(opened('complaining', 'complaint_escalation')?.evidence[0]?.detector).toBe('complaint-escalation');
    expect(opened('anonymous', 'purchase_lapse')).toMatchObject({ segment: 'default', evidence: [{ detector: 'purchase-lapse' }] });
    const allClears = alerts.filter((alert) => alert.status === 'resolved');
    expect(allClears.map((alert) => `${alert.customerId} ${alert.kind}`).sort()).toEqual(['complaining complaint_escalation', 'declining usage_declining']);
    expect(allClears.find((alert) => alert.customerId === 'declining')?.summary).toMatch(/^All clear: usage at \d+ % of its \d-week baseline/);

    // The Avro-framed complaints were read through the registry, none dead-lettered.
    const complaintMetrics = await waitForSeries(service('complaint-monitor'), 'churnwatch_records_processed_total', { topic: topics.complaints }, 8);
    expect(seriesValue(complaintMetrics, 'churnwatch_dead_letters_total')).toBeUndefined();

    // The health table has every customer.
    const health = (await readWholeTopic(topics.customerHealth)).map((message) => customerHealthV1.parse(JSON.parse(message.value ?? 'null')));
    expect(new Set(health.map((record) => record.customerId))).toEqual(new Set(mix.customers));
    const latestHealth = (customerId: string) => health.filter((record) => record.customerId === customerId).at(-1);
    expect(latestHealth('healthy')).toMatchObject({ band: 'healthy', openAlerts: [] });
    expect(latestHealth('silent')?.openAlerts).toEqual(['usage_stopped']);

    // Live/replay parity: the same input through the same processors in memory. Steps of one kind
    // of one customer come from one monitor (or from the scorer on one clock), so they match id for
    // id; how steps of different monitors interleave depends on which monitor answered first.
    const config = parseDetectionConfig(MIX_DETECTION_CONFIG);
    const local = createLocalTopology({ processors: Object.values(createDetectionProcessors(config)), partitions: PARTITIONS });
    for (const record of [...mix.profiles, ...mix.events]) local.push(record);
    local.advanceWallClock(Date.now());
    const localAlerts = local.outputs.filter((output) => output.output === 'alerts').map((output) => output.value as ChurnRiskAlertV1);
    expect(idsOf(alerts)).toEqual(idsOf(localAlerts));
    const inLocalOrder = scorerOrder === 'event-time' ? mix.customers : ['declining', 'silent', 'complaining', 'anonymous'];
    for (const customerId of inLocalOrder) {
      expect(alerts.filter((alert) => alert.customerId === customerId).map((alert) => alert.eventId)).toEqual(
        localAlerts.filter((alert) => alert.customerId === customerId).map((alert) => alert.eventId),
      );
    }

    // KPI gauges per segment: the order-independent totals equal the local run's latest snapshot.
    const latestKpis = new Map(
      local.outputs.filter((output) => output.output === 'retentionKpis').map((output) => [output.key, output.value as RetentionKpisV1]),
    );
    const aggregator = service('kpi-aggregator');
    for (const segment of ['smb', 'enterprise', 'default']) {
      const expected = latestKpis.get(segment) as RetentionKpisV1;
      const metrics = await waitForSeries(aggregator, 'churnwatch_segment_customers', { segment, state: 'active' }, expected.customers.atEnd, 30_000);
      expect(seriesValue(metrics, 'churnwatch_monthly_recurring_revenue', { segment, currency: 'EUR' })).toBe(expected.mrrCents.current / 100);
      expect(seriesValue(metrics, 'churnwatch_repeat_purchase_rate', { segment })).toBe(expected.repeatPurchaseRate ?? undefined);
      expect(seriesValue(metrics, 'churnwatch_net_promoter_score', { segment })).toBe(expected.nps ?? undefined);
    }
    const metrics = (await scrape(aggregator)) ?? '';
    expect(seriesValue(metrics, 'churnwatch_segment_customers', { segment: 'smb', state: 'active' })).toBe(3);
    // One promoter (healthy, 9) and one detractor (renewing, 4): NPS 0.
    expect(seriesValue(metrics, 'churnwatch_net_promoter_score', { segment: 'smb' })).toBe(0);
    expect(metrics).not.toMatch(/segment="(healthy|declining|silent|renewing|complaining|anonymous)"/);
    console.log(
      `[detection-pipeline, ${delivery}, ${scorerOrder}] ${alerts.length} alert steps from ${mix.events.length} events in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
  },
);
