// The account store on the real broker and a real PostgreSQL: rows written once however often the
// records come, offsets committed only after the rows, bad records dead-lettered, and an outage of
// PostgreSQL (a TCP proxy cuts every connection) waited out without losing anything.
import { contractExamples } from '@churnwatch/contracts';
import { createLogger } from '@churnwatch/telemetry';
import {
  createTestDatabase,
  createTestTopics,
  readTopicUntil,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
  testBrokers,
  testKafka,
  uniqueName,
  waitFor,
  withAdmin,
} from '@churnwatch/testkit';
import type pg from 'pg';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountSink, startAccountSink } from '../src/account-sink.ts';
import { type AccountStoreConfig, accountStoreTopicDefaults, loadAccountStoreConfig } from '../src/config.ts';
import { createDatabasePool } from '../src/database.ts';
import { createAccountDecoders } from '../src/decoders.ts';
import { migrate } from '../src/migrate.ts';
import { createStoreMetrics, type StoreMetrics } from '../src/store-metrics.ts';
import { alert, kpis, sampleAlerts, sampleHealth, sampleProfiles } from './account-fixtures.ts';

const logger = createLogger({ service: 'account-store-test', level: 'silent' });
let database: TestDatabase;
let topics: AccountStoreConfig['topics'];
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  const names = await createTestTopics(Object.keys(accountStoreTopicDefaults), { partitions: 2 });
  topics = Object.fromEntries(Object.keys(accountStoreTopicDefaults).map((name, i) => [name, names[i]])) as AccountStoreConfig['topics'];
  pool = createDatabasePool(database.url, logger);
  expect(await migrate(pool)).toEqual(['001_account_view', '002_alert_action', '003_owner_locale']);
  expect(await migrate(pool)).toEqual([]);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

function configFor(databaseUrl: string): AccountStoreConfig {
  const env: Record<string, string> = {
    CHURNWATCH_KAFKA_BROKERS: testBrokers().join(','),
    CHURNWATCH_DATABASE_URL: databaseUrl,
    CHURNWATCH_APPLICATION_ID: uniqueName('account-store'),
  };
  for (const [name, topic] of Object.entries(topics)) env[`CHURNWATCH_TOPIC_${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`] = topic;
  env.CHURNWATCH_DATABASE_RETRY_INITIAL_MS = '200';
  env.CHURNWATCH_DATABASE_RETRY_MAX_MS = '2000';
  return loadAccountStoreConfig(env);
}

async function startSink(config: AccountStoreConfig, sinkPool: pg.Pool): Promise<{ sink: AccountSink; metrics: StoreMetrics; registry: Registry }> {
  const kafka = testKafka();
  const registry = new Registry();
  const metrics = createStoreMetrics(registry);
  // A short session: the outage below lasts longer than it, so the sink must keep its membership while it waits.
  const consumer = kafka.consumer({ groupId: config.groupId, sessionTimeout: 6_000, heartbeatInterval: 1_000 });
  const sink = await startAccountSink({
    config,
    consumer,
    producer: kafka.producer(),
    pool: sinkPool,
    decoders: createAccountDecoders(config.maxValueBytes, Date.now),
    metrics,
    logger,
  });
  return { sink, metrics, registry };
}

async function produce(topic: string, records: readonly { key: string; value: unknown }[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({ topic, messages: records.map((r) => ({ key: r.key, value: typeof r.value === 'string' ? r.value : JSON.stringify(r.value) })) });
  await producer.disconnect();
}

async function produceSample(): Promise<void> {
  await produce(
    topics.customerProfiles,
    sampleProfiles.map((value) => ({ key: value.customerId, value })),
  );
  await produce(
    topics.customerHealth,
    sampleHealth.map((value) => ({ key: value.customerId, value })),
  );
  await produce(
    topics.alerts,
    sampleAlerts.map((value) => ({ key: value.customerId, value })),
  );
  await produce(topics.retentionKpis, [{ key: 'smb', value: kpis('smb', '2026-10-20T00:00:00Z', 0.9) }]);
  // Two actions on an alert, the first sent twice (a retried request): kept once each.
  const acknowledge = { ...contractExamples.control, eventId: 'act-ack-1', customerId: 'cust-ada', action: 'acknowledge', until: undefined };
  const snooze = { ...contractExamples.control, eventId: 'act-snooze-1', customerId: 'cust-ada' };
  await produce(
    topics.control,
    [acknowledge, snooze, acknowledge].map((value) => ({ key: value.customerId, value })),
  );
}

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['customer_profile', 'customer_health', 'alert', 'alert_step', 'retention_kpis', 'alert_action'])
    result[table] = Number((await pool.query(`select count(*) as n from ${table}`)).rows[0].n);
  return result;
}

const expectedCounts = { customer_profile: 4, customer_health: 4, alert: 4, alert_step: 6, retention_kpis: 1, alert_action: 2 };

/** Committed offset sum of the group on a topic (−1 per partition counts as 0); −1 while the coordinator moves. */
async function committed(groupId: string, topic: string): Promise<number> {
  try {
    const [offsets] = await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
    return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } catch {
    return -1;
  }
}

async function allCommitted(groupId: string, topic: string, what: string): Promise<void> {
  await waitFor(async () => ((await committed(groupId, topic)) === (await end(topic)) ? true : undefined), what);
}

async function end(topic: string): Promise<number> {
  const offsets = await withAdmin((admin) => admin.fetchTopicOffsets(topic));
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

describe('account store', () => {
  it('writes every table once, however often the records come, and dead-letters what it cannot read', async () => {
    await produceSample();
    await produce(topics.alerts, [{ key: 'cust-zed', value: '{"schemaVersion":1,"alertId":"broken"}' }]);
    const config = configFor(database.url);
    const first = await startSink(config, pool);
    try {
      for (const topic of [topics.alerts, topics.customerHealth, topics.customerProfiles, topics.retentionKpis, topics.control])
        await allCommitted(config.groupId, topic, `${topic} committed`);
      expect(await counts()).toEqual(expectedCounts);
      const ada = (await pool.query("select status, severity, summary from alert where alert_id = 'alert-cust-ada-usage_declining'")).rows[0];
      expect(ada).toEqual({ status: 'escalated', severity: 'critical', summary: 'Usage fell 71 % over 21 days against its 8-week baseline' });
      const actions = (
        await pool.query("select event_id, action, requested_by, source, until from alert_action where customer_id = 'cust-ada' order by event_id")
      ).rows;
      expect(actions).toEqual([
        { event_id: 'act-ack-1', action: 'acknowledge', requested_by: 'dana@example.com', source: 'slack', until: null },
        { event_id: 'act-snooze-1', action: 'snooze', requested_by: 'dana@example.com', source: 'slack', until: new Date('2026-03-15T09:15:00Z') },
      ]);
      const deadLetters = await readTopicUntil(topics.deadLetters, (messages) => messages.length >= 1);
      expect(JSON.parse(deadLetters[0]!.value!)).toMatchObject({ reason: 'schema_violation', consumer: 'account-store', source: { topic: topics.alerts } });
      // Dead letters are at-least-once like every output: a batch read again after a rebalance sends its own again.
      const deadLetterCount = (await first.registry.getSingleMetricAsString('churnwatch_account_store_dead_letters_total')).match(/} (\d+)/)?.[1];
      expect(Number(deadLetterCount)).toBeGreaterThanOrEqual(1);

      // Duplicates of records already written, and an older step arriving late, change nothing.
      await produce(
        topics.alerts,
        [sampleAlerts[0]!, sampleAlerts[1]!, sampleAlerts[0]!].map((value) => ({ key: value.customerId, value })),
      );
      await produce(topics.customerHealth, [{ key: 'cust-ada', value: { ...sampleHealth[0]!, asOf: '2026-09-01T00:00:00Z', score: 99 } }]);
      await allCommitted(config.groupId, topics.alerts, 'duplicates committed');
      await allCommitted(config.groupId, topics.customerHealth, 'health committed');
      expect(await counts()).toEqual(expectedCounts);
      expect((await pool.query("select status from alert where alert_id = 'alert-cust-ada-usage_declining'")).rows[0].status).toBe('escalated');
      expect(Number((await pool.query("select score from customer_health where customer_id = 'cust-ada'")).rows[0].score)).toBe(42);
    } finally {
      await first.sink.stop();
    }

    // A replay of every topic from the start (a new group) leaves the tables as they are.
    const replay = configFor(database.url);
    const second = await startSink(replay, pool);
    try {
      for (const topic of [topics.alerts, topics.customerHealth, topics.customerProfiles, topics.retentionKpis, topics.control])
        await allCommitted(replay.groupId, topic, `replay of ${topic} committed`);
      expect(await counts()).toEqual(expectedCounts);
    } finally {
      await second.sink.stop();
    }
  });

  it('waits out PostgreSQL refusing connections: stops consuming, shows it, commits nothing, then loses nothing', async () => {
    let proxy: TcpProxy | undefined;
    const proxyPool: { pool?: pg.Pool } = {};
    try {
      const target = new URL(database.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
      const viaProxy = new URL(database.url);
      viaProxy.port = String(proxy.port);
      proxyPool.pool = createDatabasePool(viaProxy.toString(), logger);
      const config = configFor(viaProxy.toString());
      const { sink, registry } = await startSink(config, proxyPool.pool);
      try {
        await waitFor(() => (sink.health.ready() ? true : undefined), 'sink ready');
        await allCommitted(config.groupId, topics.alerts, 'alerts read before the outage');
        const before = await committed(config.groupId, topics.alerts);

        proxy.cut();
        const late = alert({
          customerId: 'cust-bo',
          kind: 'usage_stopped',
          status: 'escalated',
          severity: 'critical',
          openedAt: '2026-10-02T00:00:00Z',
          eventTime: '2026-10-25T00:00:00Z',
          segment: 'smb',
          owner: { name: 'Chiara Conti' },
          valueAtRisk: '1887.00',
        });
        await produce(topics.alerts, [{ key: 'cust-bo', value: late }]);
        await waitFor(() => (!sink.health.ready() ? true : undefined), 'readiness to turn false');
        const down = await registry.getSingleMetricAsString('churnwatch_account_store_database_up');
        expect(down).toMatch(/churnwatch_account_store_database_up 0/);
        // Longer than the consumer's session timeout (6 s): the sink stays in its group while it waits.
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        expect(await committed(config.groupId, topics.alerts)).toBe(before);
        expect(sink.health.alive()).toBe(true);
        const failures = await registry.getSingleMetricAsString('churnwatch_account_store_write_failures_total');
        expect(Number(failures.match(/_total (\d+)/)?.[1])).toBeGreaterThanOrEqual(2);

        proxy.restore();
        await waitFor(async () => ((await committed(config.groupId, topics.alerts)) === before + 1 ? true : undefined), 'the waiting batch committed', 30_000);
        expect((await pool.query("select status from alert where alert_id = 'alert-cust-bo-usage_stopped'")).rows[0].status).toBe('escalated');
        expect(Number((await pool.query('select count(*) as n from alert_step')).rows[0].n)).toBe(expectedCounts.alert_step + 1);
        expect(sink.health.ready()).toBe(true);
        expect(await registry.getSingleMetricAsString('churnwatch_account_store_database_up')).toMatch(/churnwatch_account_store_database_up 1/);
      } finally {
        await sink.stop();
      }
    } finally {
      await proxyPool.pool?.end();
      await proxy?.close();
    }
  });
});
