// Acting on an alert from Slack, on the real broker: the risk scorer, the notifier and the
// alert-actions service run as processes. The scorer opens an alert; the notifier posts it to a
// Slack receiver with its buttons; a signed click on "Snooze" goes to alert-actions, which writes a
// control event; while the snooze lasts a worse finding delivers nothing; when it ends the
// escalation arrives, carrying the snooze in its history. A forged click is refused, logged and
// counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningService, startService, stopService } from '@churnwatch/cli/service-processes';
import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { freePort } from '@churnwatch/local-kafka';
import {
  createTestTopics,
  type HttpReceiver,
  readTopicUntil,
  startHttpReceiver,
  testBrokers,
  testKafka,
  uniqueName,
  waitFor,
  withAdmin,
} from '@churnwatch/testkit';
import { afterEach, expect, test } from 'vitest';
import { buttonsOf, clickBody, slackHeaders } from '../../services/alert-actions/test/slack-fixtures.ts';
import {
  createDetectionTopics,
  makeWorkDir,
  type StartedDetectionService,
  scrape,
  seriesValue,
  startDetectionServices,
  stopDetectionServices,
} from './support/detection-services.ts';

const SLACK_SECRET = 'e2e-slack-signing-secret';
const SNOOZE_SECONDS = 45;
let scorer: StartedDetectionService[] = [];
let others: RunningService[] = [];
let receiver: HttpReceiver | undefined;

afterEach(async () => {
  await stopDetectionServices(scorer);
  await Promise.all(others.map((service) => stopService(service)));
  await receiver?.close();
  scorer = [];
  others = [];
});

function usageSignal(customerId: string, timeMs: number, severity: 'warning' | 'critical', dropPercent: number) {
  const evidence = [{ detector: 'usage-decline', ruleVersion: '1', observed: { dropPercent }, thresholds: { maxPValue: 0.01 } }];
  return {
    schemaVersion: 1,
    eventId: `usage-${customerId}-${timeMs}`,
    customerId,
    eventTime: new Date(timeMs).toISOString(),
    concern: 'usage',
    factor: { value: 0.4, detail: `usage ${dropPercent} % below its usual level` },
    detail: 'usage falling',
    evidence,
    findings: [
      {
        kind: 'usage_declining',
        severity,
        since: new Date(timeMs).toISOString(),
        headline: `Usage fell ${dropPercent} % over 14 days against its 8-week baseline`,
        fingerprint: `${severity}:${dropPercent}`,
        evidence,
      },
    ],
    facts: {},
  };
}

test('a signed Slack snooze holds back every update until it ends; a forged click is refused, logged and counted', { timeout: 240_000 }, async () => {
  const workDir = makeWorkDir();
  const topics = await createDetectionTopics(1);
  const [failed] = (await createTestTopics(['failed-notifications'])) as [string];
  receiver = await startHttpReceiver(() => ({ status: 200 }));

  scorer = await startDetectionServices(['risk-scorer'], { topics, workDir });
  const notifierMetrics = await freePort();
  others.push(
    startService(
      {
        name: 'notifier',
        env: {
          CHURNWATCH_KAFKA_BROKERS: testBrokers().join(','),
          CHURNWATCH_TOPIC_ALERTS: topics.alerts,
          CHURNWATCH_TOPIC_FAILED_NOTIFICATIONS: failed,
          CHURNWATCH_APPLICATION_ID: uniqueName('notifier'),
          CHURNWATCH_NOTIFIER_ROUTES: JSON.stringify([{ name: 'cs-slack', channel: 'slack', url: `${receiver.url}/slack` }]),
          CHURNWATCH_METRICS_PORT: String(notifierMetrics),
        },
      },
      workDir,
    ),
  );
  const [actionsPort, actionsMetrics] = [await freePort(), await freePort()];
  const actions = startService(
    {
      name: 'alert-actions',
      env: {
        CHURNWATCH_KAFKA_BROKERS: testBrokers().join(','),
        CHURNWATCH_TOPIC_CONTROL: topics.control,
        CHURNWATCH_ALERT_ACTIONS_PORT: String(actionsPort),
        CHURNWATCH_ALERT_ACTIONS_TOKEN: 'e2e-token-0123456789abcdef0123456789ab',
        CHURNWATCH_SLACK_SIGNING_SECRET: SLACK_SECRET,
        CHURNWATCH_SLACK_SNOOZE_SECONDS: String(SNOOZE_SECONDS),
        CHURNWATCH_METRICS_PORT: String(actionsMetrics),
      },
    },
    workDir,
  );
  others.push(actions);
  await waitFor(
    () =>
      fetch(`http://127.0.0.1:${actionsMetrics}/readyz`).then(
        (response) => (response.ok ? true : undefined),
        () => undefined,
      ),
    'alert-actions ready',
    60_000,
  );

  const producer = testKafka().producer({ idempotent: true });
  await producer.connect();
  const customer = 'cust-e2e-1';
  const openedAtMs = Date.now();
  await producer.send({ topic: topics.signals, messages: [{ key: customer, value: JSON.stringify(usageSignal(customer, openedAtMs, 'warning', 40)) }] });

  const slackMessages = () => (receiver?.received ?? []).filter((request) => request.path === '/slack').map((request) => JSON.parse(request.body));
  await waitFor(() => (slackMessages().length >= 1 ? true : undefined), 'the opened alert in Slack', 90_000);
  const [alert] = (await readTopicUntil(topics.alerts, (messages) => messages.length >= 1)).map((m) => JSON.parse(m.value ?? '') as ChurnRiskAlertV1);
  expect(alert?.status).toBe('opened');
  const posted = slackMessages()[0] as { blocks: { type: string }[] };
  expect(posted.blocks.some((block) => block.type === 'actions')).toBe(true);

  // A click signed with the wrong secret: refused, logged and counted; nothing written.
  const snooze = buttonsOf(alert!).find((button) => button.action_id === 'churnwatch_snooze')!;
  const forgedBody = clickBody(snooze, { id: 'U0MALLORY', name: 'mallory' }, '1.1');
  const forged = await fetch(`http://127.0.0.1:${actionsPort}/slack/interactions`, {
    method: 'POST',
    headers: slackHeaders(forgedBody, 'guessed-secret', Math.floor(Date.now() / 1000)),
    body: forgedBody,
  });
  expect(forged.status).toBe(401);

  // The real click, signed with the app's secret.
  const clickedAtMs = Date.now();
  const body = clickBody(snooze, { id: 'U024BE7LH', name: 'dana' }, `${Math.floor(clickedAtMs / 1000)}.000100`);
  const clicked = await fetch(`http://127.0.0.1:${actionsPort}/slack/interactions`, {
    method: 'POST',
    headers: slackHeaders(body, SLACK_SECRET, Math.floor(clickedAtMs / 1000)),
    body,
  });
  expect(clicked.status).toBe(200);
  const controls = (await readTopicUntil(topics.control, (messages) => messages.length >= 1)).map((m) => JSON.parse(m.value ?? ''));
  expect(controls).toHaveLength(1);
  expect(controls[0]).toMatchObject({ action: 'snooze', alertId: alert?.alertId, requestedBy: 'U024BE7LH', source: 'slack' });
  const untilMs = Date.parse(controls[0].until);

  // Once the scorer has read the snooze, a worse finding arrives: nothing is delivered while snoozed.
  await waitFor(
    () =>
      withAdmin(async (admin) => {
        const offsets = await admin.fetchOffsets({ groupId: scorer[0]!.applicationId, topics: [topics.control] });
        return offsets[0]?.partitions.every((partition) => Number(partition.offset) >= 1) ? true : undefined;
      }),
    'the risk scorer to read the snooze',
    60_000,
    200,
  );
  await producer.send({ topic: topics.signals, messages: [{ key: customer, value: JSON.stringify(usageSignal(customer, Date.now(), 'critical', 75)) }] });
  await producer.disconnect();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, untilMs - Date.now() - 5000)));
  expect(Date.now()).toBeLessThan(untilMs);
  expect(slackMessages()).toHaveLength(1);

  // When the snooze ends, the escalation is delivered, with the snooze in the alert's history.
  await waitFor(() => (slackMessages().length >= 2 ? true : undefined), 'the escalation after the snooze', 90_000);
  const deliveredAtMs = Date.now();
  expect(deliveredAtMs).toBeGreaterThanOrEqual(untilMs);
  const steps = (await readTopicUntil(topics.alerts, (messages) => messages.length >= 2)).map((m) => JSON.parse(m.value ?? '') as ChurnRiskAlertV1);
  expect(steps.map((step) => step.status)).toEqual(['opened', 'escalated']);
  expect(Date.parse(steps[1]!.eventTime)).toBeGreaterThanOrEqual(untilMs);
  expect(steps[1]?.history).toEqual([{ action: 'snooze', by: 'U024BE7LH', at: controls[0].eventTime, source: 'slack', until: controls[0].until }]);
  expect(slackMessages()[1].text).toContain('ESCALATED');

  const metrics = (await fetch(`http://127.0.0.1:${actionsMetrics}/metrics`).then((response) => response.text())) ?? '';
  expect(seriesValue(metrics, 'churnwatch_alert_action_requests_total', { endpoint: 'slack', outcome: 'bad_signature' })).toBe(1);
  expect(seriesValue(metrics, 'churnwatch_alert_action_requests_total', { endpoint: 'slack', outcome: 'accepted' })).toBe(1);
  const log = readFileSync(join(workDir, 'alert-actions.log'), 'utf8');
  expect(log).toMatch(/"reason":"bad_signature".*Slack request refused/);
  expect(await scrape(scorer[0]!)).toBeDefined();
});
