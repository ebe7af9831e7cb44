// The first vertical path: usage events written by Kafka's own console producer and by kcat (clients
// that are not ours) reach the usage monitor and the risk scorer running as processes; a falling
// customer becomes a usage_declining alert, a malformed record lands on the dead-letter topic, and
// /metrics counts both.
import { spawnSync } from 'node:child_process';
import { type ChurnRiskAlertV1, churnRiskAlertV1, deadLetterV1, type UsageEventV1 } from '@churnwatch/contracts';
import { createDetectionProcessors, parseDetectionConfig } from '@churnwatch/detection';
import { runKafkaTool } from '@churnwatch/local-kafka';
import { createLocalTopology } from '@churnwatch/stream-runtime';
import { readTopicUntil, readWholeTopic, testBrokers } from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import {
  createDetectionTopics,
  makeWorkDir,
  type StartedDetectionService,
  startDetectionServices,
  stopDetectionServices,
  waitForSeries,
  writeDetectionConfig,
} from './support/detection-services.ts';
import { DAY_MS, usageEvent } from './support/usage-events.ts';

const PARTITIONS = 3;
let services: StartedDetectionService[] = [];

afterEach(async () => {
  await stopDetectionServices(services);
  services = [];
});

test('usage from external producers becomes an alert, bad input a dead letter, both counted in /metrics', async () => {
  const topics = await createDetectionTopics(PARTITIONS);
  const brokers = testBrokers().join(',');
  const workDir = makeWorkDir();
  // A decline opens on its first day and at a 30 % drop here (confirmDays 1 and minRelativeDrop 0.3,
  // not the default ten days and 55 %): the path is under test, not the thresholds.
  const detection = { usageMetric: 'sessions', defaults: { usage: { confirmDays: 1, minRelativeDrop: 0.3 } } };

  // Eight weeks of steady usage for two customers, ending yesterday; "falling" drops to a tenth for the last six days.
  const today = Math.floor(Date.now() / DAY_MS);
  const events: UsageEventV1[] = [];
  for (let day = today - 60; day < today; day++) {
    events.push(usageEvent('steady', day, 40));
    events.push(usageEvent('falling', day, day >= today - 6 ? 4 : 40));
  }
  const lines = events.map((event) => `${event.customerId}|${JSON.stringify(event)}`);
  const produced = await runKafkaTool(
    'console-producer',
    ['--bootstrap-server', brokers, '--topic', topics.usage, '--property', 'parse.key=true', '--property', 'key.separator=|'],
    `${lines.join('\n')}\n`,
  );
  expect(produced.code, produced.output).toBe(0);
  // A record that is not JSON, from kcat.
  const kcat = spawnSync('kcat', ['-P', '-b', brokers, '-t', topics.usage, '-K', '|'], { input: 'falling|{"schemaVersion":1,"quantity":\n' });
  expect(kcat.status, String(kcat.stderr)).toBe(0);

  // Started once the history is written, so each partition's history is taken up in one go.
  services = await startDetectionServices(['usage-monitor', 'risk-scorer'], {
    topics,
    workDir,
    env: { CHURNWATCH_DETECTION_CONFIG_FILE: writeDetectionConfig(workDir, detection), CHURNWATCH_MAX_WORK_PER_CHUNK: '10000' },
  });
  const [usageMonitor, riskScorer] = services as [StartedDetectionService, StartedDetectionService];

  const alertRecords = await readTopicUntil(topics.alerts, (messages) => messages.length >= 1, { timeoutMs: 90_000 });
  const alert = churnRiskAlertV1.parse(JSON.parse(alertRecords[0]?.value ?? 'null'));
  expect(alert).toMatchObject({ customerId: 'falling', kind: 'usage_declining', status: 'opened', severity: 'warning', segment: 'default' });
  expect(alert.evidence[0]).toMatchObject({ detector: 'usage-decline', thresholds: { minRelativeDrop: 0.3 } });
  expect(alert.evidence[0]?.observed.relativeDrop).toBeGreaterThanOrEqual(0.3);
  expect(alertRecords[0]?.headers['churnwatch-id']).toBe(alert.eventId);

  const letters = await readTopicUntil(topics.deadLetters, (messages) => messages.length >= 1);
  const letter = deadLetterV1.parse(JSON.parse(letters[0]?.value ?? 'null'));
  expect(letter).toMatchObject({ reason: 'malformed_json', consumer: 'usage-monitor', source: { topic: topics.usage } });
  expect(Buffer.from(letter.original.value ?? '', 'base64').toString()).toBe('{"schemaVersion":1,"quantity":');
  expect(Buffer.from(letter.original.key ?? '', 'base64').toString()).toBe('falling');

  const usageMetrics = await waitForSeries(usageMonitor, 'churnwatch_records_consumed_total', { topic: topics.usage }, lines.length + 1);
  expect(usageMetrics).toMatch(new RegExp(`churnwatch_dead_letters_total\\{[^}]*topic="${topics.usage}"[^}]*reason="malformed_json"[^}]*\\} 1\\b`));
  expect(usageMetrics).toMatch(new RegExp(`churnwatch_records_processed_total\\{[^}]*topic="${topics.usage}"[^}]*\\} ${lines.length}\\b`));
  await waitForSeries(riskScorer, 'churnwatch_outputs_produced_total', { topic: topics.alerts }, 1);

  // The same events through the same processors in memory give the same alert steps.
  const config = parseDetectionConfig(detection);
  const processors = createDetectionProcessors(config);
  const local = createLocalTopology({ processors: [processors.usageMonitor, processors.riskScorer], partitions: PARTITIONS });
  for (const event of events)
    local.push({ input: 'usage', key: event.customerId, value: event, eventTimeMs: Date.parse(event.eventTime), eventId: event.eventId });
  local.advanceWallClock(Date.now());
  const expected = local.outputs.filter((output) => output.output === 'alerts').map((output) => (output.value as ChurnRiskAlertV1).eventId);
  const live = (await readWholeTopic(topics.alerts)).map((message) => churnRiskAlertV1.parse(JSON.parse(message.value ?? 'null')).eventId);
  expect(live).toEqual(expected);
});
