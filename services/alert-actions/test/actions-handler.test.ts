// The handler on a real loopback HTTP server; the control events go to a list instead of Kafka
// (the broker path is covered by test/e2e/alert-actions.test.ts).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { type AlertControlV1, alertControlV1, contractExamples } from '@churnwatch/contracts';
import { createLogger } from '@churnwatch/telemetry';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, test } from 'vitest';
import { createAlertActionsHandler } from '../src/actions-handler.ts';
import { buttonsOf, clickBody, slackHeaders } from './slack-fixtures.ts';

const TOKEN = 'test-token-0123456789abcdef0123456789';
const SLACK_SECRET = 'slack-signing-secret';
const NOW_MS = Date.parse('2026-12-10T09:00:00Z');

let server: Server | undefined;
afterEach(() => server?.close());

async function start() {
  const published: AlertControlV1[] = [];
  const logLines: Record<string, unknown>[] = [];
  const registry = new Registry();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const handle = createAlertActionsHandler({
    apiToken: TOKEN,
    slack: { signingSecret: SLACK_SECRET, replayWindowSeconds: 300, snoozeSeconds: 7 * 86_400 },
    publish: async (event) => {
      published.push(event);
    },
    logger: createLogger({ service: 'test', destination }),
    registry,
    nowMs: () => NOW_MS,
  });
  server = createServer((request, response) => void handle(request, response).then((handled) => handled || response.writeHead(404).end()));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const metric = async (outcome: string, endpoint: string) => {
    const values = (await registry.getSingleMetric('churnwatch_alert_action_requests_total')?.get())?.values ?? [];
    return values.find((value) => value.labels.outcome === outcome && value.labels.endpoint === endpoint)?.value ?? 0;
  };
  return { url, published, logLines, metric };
}

const alert = contractExamples.alerts;

describe('alert-actions API', () => {
  test('a snooze with the token is written as a control event with who and until; without the token it is refused', async () => {
    const { url, published, metric } = await start();
    const body = {
      action: 'snooze',
      customerId: alert.customerId,
      kind: alert.kind,
      alertId: alert.alertId,
      snoozeForHours: 48,
      requestedBy: 'dana@example.com',
    };
    const refused = await fetch(`${url}/v1/alert-actions`, { method: 'POST', headers: { authorization: 'Bearer wrong' }, body: JSON.stringify(body) });
    expect(refused.status).toBe(401);
    expect(published).toEqual([]);
    const accepted = await fetch(`${url}/v1/alert-actions`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    expect(accepted.status).toBe(202);
    expect(published).toHaveLength(1);
    expect(alertControlV1.parse(published[0])).toMatchObject({
      action: 'snooze',
      until: '2026-12-12T09:00:00.000Z',
      eventTime: '2026-12-10T09:00:00.000Z',
      requestedBy: 'dana@example.com',
      source: 'api',
      alertId: alert.alertId,
    });
    expect(await metric('unauthorized', 'api')).toBe(1);
    expect(await metric('accepted', 'api')).toBe(1);
  });

  test('bad requests are refused with the field named', async () => {
    const { url, published } = await start();
    const post = (body: unknown) =>
      fetch(`${url}/v1/alert-actions`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    const noAssignee = await post({ action: 'assign', customerId: 'c', kind: 'usage_stopped', requestedBy: 'x' });
    expect(noAssignee.status).toBe(400);
    expect(((await noAssignee.json()) as { error: string }).error).toContain('assignee');
    const noUntil = await post({ action: 'snooze', customerId: 'c', kind: 'usage_stopped', requestedBy: 'x' });
    expect(((await noUntil.json()) as { error: string }).error).toContain('until');
    expect((await post({ action: 'explode', customerId: 'c', kind: 'usage_stopped', requestedBy: 'x' })).status).toBe(400);
    expect(published).toEqual([]);
  });
});

describe('Slack interactive buttons', () => {
  test('a signed click on "Snooze 7 days" snoozes that alert for 7 days, by that Slack user', async () => {
    const { url, published, metric } = await start();
    const snooze = buttonsOf(alert).find((button) => button.action_id === 'churnwatch_snooze');
    expect(snooze).toBeDefined();
    const body = clickBody(snooze!);
    const response = await fetch(`${url}/slack/interactions`, { method: 'POST', headers: slackHeaders(body, SLACK_SECRET, NOW_MS / 1000), body });
    expect(response.status).toBe(200);
    expect(published).toEqual([
      {
        schemaVersion: 1,
        eventId: 'slack-U024BE7LH-1765432100.000100',
        customerId: alert.customerId,
        eventTime: '2026-12-10T09:00:00.000Z',
        kind: alert.kind,
        alertId: alert.alertId,
        requestedBy: 'U024BE7LH',
        source: 'slack',
        action: 'snooze',
        until: '2026-12-17T09:00:00.000Z',
      },
    ]);
    expect(await metric('accepted', 'slack')).toBe(1);
  });

  test('acknowledge and assign-to-me buttons name the clicking user', async () => {
    const { url, published } = await start();
    for (const id of ['churnwatch_acknowledge', 'churnwatch_assign_me']) {
      const body = clickBody(buttonsOf(alert).find((button) => button.action_id === id)!, { id: 'U0ELIN', name: 'elin' });
      expect((await fetch(`${url}/slack/interactions`, { method: 'POST', headers: slackHeaders(body, SLACK_SECRET, NOW_MS / 1000), body })).status).toBe(200);
    }
    expect(published.map((event) => [event.action, event.requestedBy, event.assignee])).toEqual([
      ['acknowledge', 'U0ELIN', undefined],
      ['assign', 'U0ELIN', { name: 'elin', slackId: 'U0ELIN' }],
    ]);
  });

  test('a bad signature or a replayed old request is refused, logged and counted, and writes nothing', async () => {
    const { url, published, metric, logLines } = await start();
    const body = clickBody(buttonsOf(alert)[0]!);
    const forged = await fetch(`${url}/slack/interactions`, { method: 'POST', headers: slackHeaders(body, 'not-the-secret', NOW_MS / 1000), body });
    const replayed = await fetch(`${url}/slack/interactions`, { method: 'POST', headers: slackHeaders(body, SLACK_SECRET, NOW_MS / 1000 - 600), body });
    expect([forged.status, replayed.status]).toEqual([401, 401]);
    expect(published).toEqual([]);
    expect(await metric('bad_signature', 'slack')).toBe(1);
    expect(await metric('stale_timestamp', 'slack')).toBe(1);
    expect(logLines.filter((line) => line.msg === 'Slack request refused: signature not verified').map((line) => line.reason)).toEqual([
      'bad_signature',
      'stale_timestamp',
    ]);
  });
});
