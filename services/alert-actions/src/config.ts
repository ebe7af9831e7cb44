import { readFileSync } from 'node:fs';
import { ConfigError } from '@churnwatch/errors';
import { envName, parseEnv } from '@churnwatch/stream-runtime';
import { z } from 'zod';

/**
 * Read from CHURNWATCH_<FIELD> variables (see envName). Secrets come from files (mounted secrets) or
 * variables. How to reach Kafka (TLS, SASL), the metrics port and the log level are the service shell's.
 */
const settingsSchema = z.object({
  kafkaBrokers: z
    .string()
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'expected host:port')).min(1)),
  topicControl: z.string().min(1).default('churnwatch.control'),
  /** Port of the actions API (POST /v1/alert-actions, POST /slack/interactions). */
  alertActionsPort: z.coerce.number().int().min(0).max(65_535).default(8087),
  /** The bearer token API callers present, or a file holding it; at least 32 characters. */
  alertActionsToken: z.string().optional(),
  alertActionsTokenFile: z.string().optional(),
  /** Slack's signing secret, or a file holding it; without one the Slack endpoint answers 404. */
  slackSigningSecret: z.string().optional(),
  slackSigningSecretFile: z.string().optional(),
  /** How far a Slack request's timestamp may be from now; Slack recommends five minutes. */
  slackReplayWindowSeconds: z.coerce.number().int().min(1).max(3600).default(300),
  /** How long the Slack "Snooze 7 days" button snoozes. */
  slackSnoozeSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 86_400),
  /** How long start-up waits for an unreachable broker before it gives up (exit 1); as the other services. */
  startupTimeoutMs: z.coerce.number().int().positive().default(300_000),
});

export interface AlertActionsConfig {
  readonly brokers: readonly string[];
  readonly controlTopic: string;
  readonly port: number;
  readonly apiToken: string;
  readonly slack: { readonly signingSecret: string; readonly replayWindowSeconds: number; readonly snoozeSeconds: number } | null;
  readonly startupTimeoutMs: number;
}

const MIN_TOKEN_CHARS = 32;

function secretOf(value: string | undefined, file: string | undefined, field: string, issues: string[]): string | undefined {
  if (file === undefined) return value?.trim();
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    issues.push(`${envName(`${field}File`)}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}

/** Parses the environment once; a bad or missing setting stops start-up with every problem named. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AlertActionsConfig {
  const settings = parseEnv(settingsSchema, env);
  const issues: string[] = [];
  const apiToken = secretOf(settings.alertActionsToken, settings.alertActionsTokenFile, 'alertActionsToken', issues);
  if (apiToken !== undefined && apiToken.length < MIN_TOKEN_CHARS)
    issues.push(`${envName('alertActionsToken')}: must be at least ${MIN_TOKEN_CHARS} characters`);
  if (apiToken === undefined && issues.length === 0)
    issues.push(`${envName('alertActionsToken')}: set it (or ${envName('alertActionsTokenFile')}) to the API's bearer token`);
  const signingSecret = secretOf(settings.slackSigningSecret, settings.slackSigningSecretFile, 'slackSigningSecret', issues);
  if (issues.length > 0 || apiToken === undefined) throw new ConfigError('the environment', issues);
  return {
    brokers: settings.kafkaBrokers,
    controlTopic: settings.topicControl,
    port: settings.alertActionsPort,
    apiToken,
    slack:
      signingSecret === undefined || signingSecret === ''
        ? null
        : { signingSecret, replayWindowSeconds: settings.slackReplayWindowSeconds, snoozeSeconds: settings.slackSnoozeSeconds },
    startupTimeoutMs: settings.startupTimeoutMs,
  };
}
