import { type KafkaSecurity, parseKafkaSecurity } from '@churnwatch/connection-security';
import { ConfigError, collectIssues } from '@churnwatch/errors';
import { z } from 'zod';
import { defaultTuning, type RuntimeTuning } from '../kafka/runtime-tuning.ts';
import { envName, parseEnv } from './env-config.ts';

const positiveMs = z.coerce.number().int().positive();
const hostPort = /^[^\s:,]+:\d{1,5}$/;

/**
 * Settings every consumer service shares, read from `CHURNWATCH_<FIELD>` variables (see envName).
 * Extend it for a service's own settings: `runtimeSettingsSchema.extend({ cooldownDays: … })`.
 */
export const runtimeSettingsSchema = z
  .object({
    kafkaBrokers: z
      .string()
      .transform((value) => value.split(',').map((broker) => broker.trim()))
      .pipe(z.array(z.string().regex(hostPort, 'expected host:port')).min(1)),
    kafkaClientId: z.string().min(1).optional(),
    /** Consumer group id; also names the changelog topics and transactional ids. */
    applicationId: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'letters, digits, . _ - only'),
    /**
     * The groups whose commits a clock input may not pass (StreamRuntimeOptions.clockLeaderGroups),
     * comma-separated; `none` or unset: clock records wait for nobody.
     */
    clockLeaderGroups: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,200}(,[A-Za-z0-9._-]{1,200})*$/, 'group ids (letters, digits, . _ -) separated by commas, or none')
      .optional()
      .transform((groups) => (groups === undefined || groups === 'none' ? undefined : groups.split(','))),
    delivery: z.enum(['at-least-once', 'exactly-once']).default('at-least-once'),
    metricsPort: z.coerce.number().int().min(0).max(65_535).default(9464),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    kafkaLogLevel: z.enum(['nothing', 'error', 'warn', 'info', 'debug']).default('warn'),
    sessionTimeoutMs: positiveMs.default(defaultTuning.sessionTimeoutMs),
    heartbeatIntervalMs: positiveMs.default(defaultTuning.heartbeatIntervalMs),
    maxWorkPerChunk: z.coerce.number().int().min(1).max(100_000).default(defaultTuning.maxWorkPerChunk),
    /** Default per delivery mode: 30000 at-least-once, 100 exactly-once (as Kafka Streams). */
    commitIntervalMs: positiveMs.optional(),
    /** Default a fifth of the commit interval (exactly-once only; see RuntimeTuning.caughtUpCommitMs). */
    caughtUpCommitMs: positiveMs.optional(),
    wallClockCheckIntervalMs: positiveMs.default(defaultTuning.wallClockCheckIntervalMs),
    wallClockHoldWhileBehindMs: positiveMs.default(defaultTuning.wallClockHoldWhileBehindMs),
    wallClockHoldIdleMs: positiveMs.default(defaultTuning.wallClockHoldIdleMs),
    clockLeaderStallMs: positiveMs.default(defaultTuning.clockLeaderStallMs),
    consumerStallMs: positiveMs.default(defaultTuning.consumerStallMs),
    transactionTimeoutMs: positiveMs.default(defaultTuning.transactionTimeoutMs),
    startupTimeoutMs: positiveMs.default(defaultTuning.startupTimeoutMs),
    shutdownTimeoutMs: positiveMs.default(20_000),
    replicationFactor: z.coerce.number().int().min(-1).default(defaultTuning.replicationFactor),
    restoreFetchMaxBytes: z.coerce.number().int().positive().default(defaultTuning.restoreFetchMaxBytes),
    stateCacheKeys: z.coerce.number().int().positive().default(defaultTuning.stateCacheKeys),
  })
  .refine((s) => s.heartbeatIntervalMs < s.sessionTimeoutMs, {
    message: 'must be lower than CHURNWATCH_SESSION_TIMEOUT_MS (about a third of it)',
    path: ['heartbeatIntervalMs'],
  })
  .refine((s) => s.consumerStallMs > s.sessionTimeoutMs, {
    message: 'must be greater than CHURNWATCH_SESSION_TIMEOUT_MS: a consumer is replaced only after it could have been expired',
    path: ['consumerStallMs'],
  });

/** The shared settings, plus TLS and SASL (absent: plaintext), read by @churnwatch/connection-security from `CHURNWATCH_KAFKA_*`. */
export type RuntimeSettings = z.infer<typeof runtimeSettingsSchema> & { readonly kafkaSecurity?: KafkaSecurity };

/**
 * The runtime tuning the settings carry, for every service that runs the runtime (one mapping, so
 * a setting cannot reach one kind of service and not another).
 */
export function runtimeTuningOf(settings: RuntimeSettings): Partial<RuntimeTuning> {
  return {
    sessionTimeoutMs: settings.sessionTimeoutMs,
    heartbeatIntervalMs: settings.heartbeatIntervalMs,
    maxWorkPerChunk: settings.maxWorkPerChunk,
    commitIntervalMs: settings.commitIntervalMs,
    caughtUpCommitMs: settings.caughtUpCommitMs,
    wallClockCheckIntervalMs: settings.wallClockCheckIntervalMs,
    wallClockHoldWhileBehindMs: settings.wallClockHoldWhileBehindMs,
    wallClockHoldIdleMs: settings.wallClockHoldIdleMs,
    clockLeaderStallMs: settings.clockLeaderStallMs,
    consumerStallMs: settings.consumerStallMs,
    transactionTimeoutMs: settings.transactionTimeoutMs,
    startupTimeoutMs: settings.startupTimeoutMs,
    replicationFactor: settings.replicationFactor,
    restoreFetchMaxBytes: settings.restoreFetchMaxBytes,
    stateCacheKeys: settings.stateCacheKeys,
  };
}

/** Both parts are checked, so one failure names every bad variable of either. */
export function parseRuntimeSettings(env: Readonly<Record<string, string | undefined>>): RuntimeSettings {
  const issues: string[] = [];
  const settings = collectIssues(issues, () => parseEnv(runtimeSettingsSchema, env));
  const kafkaSecurity = collectIssues(issues, () => parseKafkaSecurity(env));
  if (!settings || !kafkaSecurity) throw new ConfigError('the environment', issues);
  return { ...settings, kafkaSecurity };
}

/**
 * Topic names of logical inputs and outputs from `CHURNWATCH_TOPIC_<NAME>` (e.g.
 * CHURNWATCH_TOPIC_DEAD_LETTERS for `deadLetters`), falling back to `defaults`. Names every
 * logical topic that has neither.
 */
export function parseTopics(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
  defaults: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const topics: Record<string, string> = {};
  const issues: string[] = [];
  for (const name of names) {
    const variable = envName(name, 'CHURNWATCH_TOPIC_');
    const topic = env[variable] || defaults[name];
    if (!topic) issues.push(`${variable}: no topic for "${name}" (set the variable)`);
    else if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) issues.push(`${variable}: "${topic}" is not a valid topic name`);
    else topics[name] = topic;
  }
  if (issues.length) throw new ConfigError('the environment', issues);
  return topics;
}
