import { readFileSync } from 'node:fs';
import { type KafkaSecurity, parseKafkaSecurity } from '@churnwatch/connection-security';
import { ConfigError, collectIssues } from '@churnwatch/errors';
import { envName, parseEnv, parseTopics } from '@churnwatch/stream-runtime';
import { z } from 'zod';
import { type Route, routesSchema } from './routes.ts';

/** Read from CHURNWATCH_<FIELD> variables, e.g. CHURNWATCH_NOTIFIER_MAX_ATTEMPTS (see envName). */
const settingsSchema = z.object({
  kafkaBrokers: z
    .string()
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'expected host:port')).min(1)),
  /** Consumer group id. */
  applicationId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'letters, digits, . _ - only')
    .default('churnwatch.notifier'),
  /** The routes as JSON, or CHURNWATCH_NOTIFIER_ROUTES_FILE naming a JSON file with them. */
  notifierRoutes: z.string().optional(),
  notifierRoutesFile: z.string().optional(),
  notifierMaxAttempts: z.coerce.number().int().min(1).max(100).default(6),
  notifierRequestTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
  notifierInitialBackoffMs: z.coerce.number().int().min(1).default(500),
  notifierMaxBackoffMs: z.coerce.number().int().min(1).default(30_000),
  metricsPort: z.coerce.number().int().min(0).max(65_535).default(9464),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});
type Settings = z.infer<typeof settingsSchema>;

export const notifierTopicDefaults = { alerts: 'churnwatch.alerts', failedNotifications: 'churnwatch.notifications.failed' } as const;

export interface NotifierConfig {
  readonly brokers: readonly string[];
  readonly kafkaSecurity: KafkaSecurity;
  readonly groupId: string;
  readonly topics: { readonly alerts: string; readonly failedNotifications: string };
  readonly routes: readonly Route[];
  readonly delivery: { readonly maxAttempts: number; readonly requestTimeoutMs: number; readonly backoff: { initialDelayMs: number; maxDelayMs: number } };
  readonly metricsPort: number;
  readonly logLevel: string;
}

function readRoutes(settings: Settings): { routes?: Route[]; issues: string[] } {
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

/** Parses the environment once; a bad setting stops start-up with every bad variable named. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): NotifierConfig {
  const settings = parseEnv(settingsSchema, env);
  const topics = parseTopics(env, Object.keys(notifierTopicDefaults), notifierTopicDefaults);
  const { routes, issues } = readRoutes(settings);
  const kafkaSecurity = collectIssues(issues, () => parseKafkaSecurity(env));
  if (settings.notifierMaxBackoffMs < settings.notifierInitialBackoffMs) {
    issues.push(`${envName('notifierMaxBackoffMs')}: must not be below ${envName('notifierInitialBackoffMs')}`);
  }
  if (!routes || !kafkaSecurity || issues.length > 0) throw new ConfigError('the environment', issues);
  return {
    brokers: settings.kafkaBrokers,
    kafkaSecurity,
    groupId: settings.applicationId,
    topics: {
      alerts: topics.alerts ?? notifierTopicDefaults.alerts,
      failedNotifications: topics.failedNotifications ?? notifierTopicDefaults.failedNotifications,
    },
    routes,
    delivery: {
      maxAttempts: settings.notifierMaxAttempts,
      requestTimeoutMs: settings.notifierRequestTimeoutMs,
      backoff: { initialDelayMs: settings.notifierInitialBackoffMs, maxDelayMs: settings.notifierMaxBackoffMs },
    },
    metricsPort: settings.metricsPort,
    logLevel: settings.logLevel,
  };
}
