import { topicContracts } from '@churnwatch/contracts';
import { retentionKpisContract } from '@churnwatch/detection';
import { ConfigError } from '@churnwatch/errors';
import { collectIssues, kafkaConsumerSettings, parseEnvWithSecrets } from '@churnwatch/service-shell';
import { envName, parseTopics } from '@churnwatch/stream-runtime';
import { z } from 'zod';

/** Read from CHURNWATCH_<FIELD> variables (see services/README.md). */
const settingsSchema = z.object({
  ...kafkaConsumerSettings('churnwatch.account-store'),
  /** postgres://user@host:port/database, or CHURNWATCH_DATABASE_URL_FILE naming a file that holds it (the password is in it). */
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }),
  /** First wait after PostgreSQL refused a batch; doubled per attempt up to the maximum. */
  databaseRetryInitialMs: z.coerce.number().int().min(10).default(500),
  databaseRetryMaxMs: z.coerce.number().int().min(10).max(60_000).default(10_000),
  maxValueBytes: z.coerce.number().int().min(256).max(100_000_000).default(1_048_576),
});

export const accountStoreTopicDefaults = {
  customerProfiles: topicContracts.customerProfiles.defaultTopic,
  customerHealth: topicContracts.customerHealth.defaultTopic,
  alerts: topicContracts.alerts.defaultTopic,
  retentionKpis: retentionKpisContract.defaultTopic,
  control: topicContracts.control.defaultTopic,
  deadLetters: topicContracts.deadLetters.defaultTopic,
} as const;

export type AccountStoreTopics = Record<keyof typeof accountStoreTopicDefaults, string>;

export interface AccountStoreConfig {
  readonly kafkaBrokers: readonly string[];
  readonly groupId: string;
  readonly databaseUrl: string;
  readonly retry: { readonly initialMs: number; readonly maxMs: number };
  readonly maxValueBytes: number;
  readonly topics: AccountStoreTopics;
}

/** Parses the environment once; throws one ConfigError naming every bad variable. */
export function loadAccountStoreConfig(env: Readonly<Record<string, string | undefined>>): AccountStoreConfig {
  const issues: string[] = [];
  const settings = collectIssues(issues, () => parseEnvWithSecrets(settingsSchema, env, [envName('databaseUrl')]));
  const topics = collectIssues(issues, () => parseTopics(env, Object.keys(accountStoreTopicDefaults), accountStoreTopicDefaults)) as
    | AccountStoreTopics
    | undefined;
  if (settings && settings.databaseRetryMaxMs < settings.databaseRetryInitialMs)
    issues.push(`${envName('databaseRetryMaxMs')}: must not be below ${envName('databaseRetryInitialMs')}`);
  if (issues.length > 0 || !settings || !topics) throw new ConfigError('the environment', issues);
  return {
    kafkaBrokers: settings.kafkaBrokers,
    groupId: settings.applicationId,
    databaseUrl: settings.databaseUrl,
    retry: { initialMs: settings.databaseRetryInitialMs, maxMs: settings.databaseRetryMaxMs },
    maxValueBytes: settings.maxValueBytes,
    topics,
  };
}
