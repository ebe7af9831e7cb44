import { ALERT_ACTIONS_PATH, controlFromApi, kafkaControlPublisher } from '@churnwatch/alert-actions/http';
import { Kafka, logLevel } from 'kafkajs';
import type { Command } from '../commands.ts';
import { alertsUsage, parseAlertsCommand } from './alerts-args.ts';

async function run(args: string[]): Promise<number> {
  const parsed = parseAlertsCommand(args, process.env);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${alertsUsage}\n`);
      return 0;
    }
    process.stderr.write(`${parsed.problem}\n\n${alertsUsage}\n`);
    return 2;
  }
  const { request, target } = parsed;
  if (target.kind === 'api') {
    const response = await fetch(new URL(ALERT_ACTIONS_PATH, target.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    const text = await response.text();
    if (response.status !== 202) {
      process.stderr.write(`the API refused it (HTTP ${response.status}): ${text}\n`);
      return 1;
    }
    process.stdout.write(`recorded: ${text}\n`);
    return 0;
  }
  const control = controlFromApi(request, Date.now());
  if (!control.ok) {
    process.stderr.write(`${control.problem}\n`);
    return 2;
  }
  const producer = new Kafka({ clientId: 'churnwatch-alerts', brokers: target.brokers, logLevel: logLevel.NOTHING }).producer({ idempotent: true });
  await producer.connect();
  try {
    await kafkaControlPublisher(producer, target.topic)(control.event);
  } finally {
    await producer.disconnect();
  }
  process.stdout.write(`recorded: ${JSON.stringify(control.event)}\n`);
  return 0;
}

const alerts: Command = { summary: 'acknowledge, snooze, assign or resolve an alert (writes a control event)', run };
export default alerts;
