import { readFileSync } from 'node:fs';
import { ConfigError } from '@churnwatch/errors';
import { collectIssues, kafkaConsumerSettings } from '@churnwatch/service-shell';
import { envName, parseEnv, parseTopics } from '@churnwatch/stream-runtime';
import { z } from 'zod';
import { type Route, routesSchema } from './routes.ts';
import { readSigningKeys } from './signing-config.ts';

/** Read from CHURNWATCH_<FIELD> variables, e.g. CHURNWATCH_NOTIFIER_MAX_ATTEMPTS (see envName). */
const settingsSchema = z.object({
  ...kafkaConsumerSettings('churnwatch.notifier'),
  /** The routes as JSON, or CHURNWATCH_NOTIFIER_ROUTES_FILE naming a JSON file with them. */
  notifierRoutes: z.string().optional(),
  notifierRoutesFile: z.string().optional(),
  /** Webhook signing secrets by route, as JSON, or a file holding that JSON (see signing-config.ts). */
  notifierSigningSecrets: z.string().optional(),
  notifierSigningSecretsFile: z.string().optional(),
  notifierMaxAttempts: z.coerce.number().int().min(1).max(100).default(6),
  notifierRequestTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
  notifierInitialBackoffMs: z.coerce.number().int().min(1).default(500),
  notifierMaxBackoffMs: z.coerce.number().int().min(1).default(30_000),
  /** Base URL of the account page; Slack and Teams messages then link to the customer's page. */
  accountPageBaseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  metricsPort: z.coerce.number().int().min(0).max(65_535).default(9464),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});
type Settings = z.infer<typeof settingsSchema>;

export const notifierTopicDefaults = {
  alerts: 'churnwatch.alerts',
  failedNotifications: 'churnwatch.notifications.failed',
  digestItems: 'churnwatch.notifications.digest-items',
  digests: 'churnwatch.notifications.digests',
  deadLetters: 'churnwatch.dead-letters',
} as const;

export interface NotifierConfig {
  readonly brokers: readonly string[];
  readonly groupId: string;
  readonly topics: Readonly<Record<keyof typeof notifierTopicDefaults, string>>;
  readonly routes: readonly Route[];
  /** Standard Webhooks signing keys by route name; a route not listed sends unsigned. */
  readonly signingKeys: Readonly<Record<string, readonly Buffer[]>>;
  /** Where a customer's account page lives, when one is configured. */
  readonly accountPageBaseUrl?: string;
  readonly delivery: { readonly maxAttempts: number; readonly requestTimeoutMs: number; readonly backoff: { initialDelayMs: number; maxDelayMs: number } };
  readonly metricsPort: number;
  readonly logLevel: string;
}

function readRoutes(settings: Pick<Settings, 'notifierRoutes' | 'notifierRoutesFile'>): { routes?: Route[]; issues: string[] } {
  const variable = envName(settings.notifierRoutesFile ? 'notifierRoutesFile' : 'notifierRoutes');
  let text = settings.notifierRoutes;
  if (settings.notifierRoutesFile) {
    try {
      text = readFileSync(settings.notifierRoutesFile, 'utf8');
    } catch (error) {
      return { issues: [`${variable}: cannot read ${settings.notifierRoutesFile} (${(error as Error).message})`] };
    }
  }
  if (text === undefined) return { issues: [`${variable}: set it (or ${envName('notifierRoutesFile')}) to a JSON array of routes`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { issues: [`${variable}: not JSON (${(error as Error).message})`] };
  }
  const parsed = routesSchema.safeParse(json);
  if (parsed.success) return { routes: parsed.data, issues: [] };
  return { issues: parsed.error.issues.map((issue) => `${[variable, ...issue.path].join('.')}: ${issue.message}`) };
}

/** Parses the environment once; a bad setting stops start-up with every bad variable and route field named. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): NotifierConfig {
  const issues: string[] = [];
  const settings = collectIssues(issues, () => parseEnv(settingsSchema, env));
  const topics = collectIssues(issues, () => parseTopics(env, Object.keys(notifierTopicDefaults), notifierTopicDefaults));
  const read = settings
    ? readRoutes(settings)
    : readRoutes({ notifierRoutes: env[envName('notifierRoutes')] || undefined, notifierRoutesFile: env[envName('notifierRoutesFile')] || undefined });
  issues.push(...read.issues);
  const signing = readSigningKeys(settings ?? {}, read.routes);
  issues.push(...signing.issues);
  if (settings && settings.notifierMaxBackoffMs < settings.notifierInitialBackoffMs) {
    issues.push(`${envName('notifierMaxBackoffMs')}: must not be below ${envName('notifierInitialBackoffMs')}`);
  }
  if (!settings || !topics || !read.routes || issues.length > 0) throw new ConfigError('the environment', issues);
  return {
    brokers: settings.kafkaBrokers,
    groupId: settings.applicationId,
    topics: { ...notifierTopicDefaults, ...topics },
    routes: read.routes,
    ...(settings.accountPageBaseUrl ? { accountPageBaseUrl: settings.accountPageBaseUrl } : {}),
    signingKeys: signing.keys,
    delivery: {
      maxAttempts: settings.notifierMaxAttempts,
      requestTimeoutMs: settings.notifierRequestTimeoutMs,
      backoff: { initialDelayMs: settings.notifierInitialBackoffMs, maxDelayMs: settings.notifierMaxBackoffMs },
    },
    metricsPort: settings.metricsPort,
    logLevel: settings.logLevel,
  };
}
