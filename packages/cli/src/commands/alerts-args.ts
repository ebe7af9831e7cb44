import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AlertActionRequest } from '@churnwatch/alert-actions/http';

export const alertsUsage = `usage: ./churnwatch alerts <ack|snooze|unsnooze|assign|resolve> <customer id> <alert kind> [options]

Acts on a customer's alert of one kind: writes a control event, through the alert-actions API
(--api URL, token from CHURNWATCH_ALERT_ACTIONS_TOKEN or --token-file) or straight to the control
topic (--brokers host:port). The risk scorer records it in the alert's history.

  snooze    --for 7d | 12h | 90m, or --until 2026-12-24T09:00:00Z
  assign    --to NAME [--email ADDRESS] [--slack-id U…]
  options   --alert ID (act only if this alert is still the open one), --by WHO (default $USER),
            --reason TEXT, --topic NAME (default churnwatch.control, with --brokers)

example: ./churnwatch alerts snooze cust-0042 usage_declining --for 3d --by dana@example.com --brokers localhost:9092`;

const verbs = { ack: 'acknowledge', snooze: 'snooze', unsnooze: 'unsnooze', assign: 'assign', resolve: 'resolve' } as const;

export type AlertsTarget =
  | { readonly kind: 'api'; readonly url: string; readonly token: string }
  | { readonly kind: 'kafka'; readonly brokers: string[]; readonly topic: string };

export type ParsedAlertsCommand =
  | { readonly ok: true; readonly request: AlertActionRequest; readonly target: AlertsTarget }
  | { readonly ok: false; readonly problem: string; readonly help?: boolean };

const durationUnitsMs: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "7d" → hours. */
function hoursOf(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([mhd])$/.exec(text);
  return match ? (Number(match[1]) * (durationUnitsMs[match[2]!] as number)) / 3_600_000 : undefined;
}

/** Reads the command line (and, for the token and the default `--by`, the environment). */
export function parseAlertsCommand(args: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedAlertsCommand {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        for: { type: 'string' },
        until: { type: 'string' },
        to: { type: 'string' },
        email: { type: 'string' },
        'slack-id': { type: 'string' },
        alert: { type: 'string' },
        by: { type: 'string' },
        reason: { type: 'string' },
        api: { type: 'string' },
        'token-file': { type: 'string' },
        brokers: { type: 'string' },
        topic: { type: 'string', default: 'churnwatch.control' },
        help: { type: 'boolean' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: false, problem: '', help: true };
  const [verb, customerId, kind] = positionals;
  if (verb === undefined || !(verb in verbs)) return { ok: false, problem: `the first word must be one of ${Object.keys(verbs).join(', ')}` };
  if (customerId === undefined || kind === undefined) return { ok: false, problem: 'name the customer id and the alert kind' };
  const by = values.by ?? env.USER;
  if (!by) return { ok: false, problem: '--by: say who acts' };

  let snoozeForHours: number | undefined;
  if (values.for !== undefined) {
    snoozeForHours = hoursOf(values.for);
    if (snoozeForHours === undefined) return { ok: false, problem: `--for: expected a duration like 7d, 12h or 90m, got ${values.for}` };
  }
  const request: AlertActionRequest = {
    action: verbs[verb as keyof typeof verbs],
    customerId,
    kind: kind as AlertActionRequest['kind'],
    requestedBy: by,
    source: 'cli',
    ...(values.alert === undefined ? {} : { alertId: values.alert }),
    ...(values.reason === undefined ? {} : { reason: values.reason }),
    ...(snoozeForHours === undefined ? {} : { snoozeForHours }),
    ...(values.until === undefined ? {} : { until: values.until }),
    ...(values.to === undefined
      ? {}
      : {
          assignee: {
            name: values.to,
            ...(values.email === undefined ? {} : { email: values.email }),
            ...(values['slack-id'] === undefined ? {} : { slackId: values['slack-id'] }),
          },
        }),
  };

  if ((values.api === undefined) === (values.brokers === undefined)) return { ok: false, problem: 'give exactly one of --api URL and --brokers host:port' };
  if (values.brokers !== undefined) return { ok: true, request, target: { kind: 'kafka', brokers: values.brokers.split(','), topic: values.topic } };
  let token = env.CHURNWATCH_ALERT_ACTIONS_TOKEN;
  if (values['token-file'] !== undefined) {
    try {
      token = readFileSync(values['token-file'], 'utf8').trim();
    } catch (error) {
      return { ok: false, problem: `--token-file: cannot read ${values['token-file']} (${(error as NodeJS.ErrnoException).code})` };
    }
  }
  if (!token) return { ok: false, problem: 'the API needs a token: set CHURNWATCH_ALERT_ACTIONS_TOKEN or pass --token-file' };
  return { ok: true, request, target: { kind: 'api', url: values.api as string, token } };
}
