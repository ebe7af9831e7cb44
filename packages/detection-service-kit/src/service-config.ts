import { readFileSync } from 'node:fs';
import { parseRegistrySecurity, type RegistrySecurity } from '@churnwatch/connection-security';
import type { DetectionConfig } from '@churnwatch/detection';
import { ConfigError, collectIssues as collect } from '@churnwatch/errors';
import { parseEnv, parseRuntimeSettings, parseTopics, type RuntimeSettings } from '@churnwatch/stream-runtime';
import { z } from 'zod';
import { loadDetectionConfigFile, type ReadText } from './detection-config-file.ts';
import { type KitSettings, kitSettingsSchema } from './kit-settings.ts';
import { type DetectionTopic, defaultTopicNames } from './topics.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** What a detection service reads and writes, and any settings of its own. */
export interface DetectionServiceSpec<X extends z.ZodRawShape = Record<never, never>> {
  /** Service name: on logs and metrics, and the default application id `churnwatch.<service>`. */
  readonly service: string;
  readonly inputs: readonly DetectionTopic[];
  readonly outputs: readonly DetectionTopic[];
  /**
   * Topics read only for their event time (StreamRuntimeOptions.clockInputs). A monitor whose input
   * is sparse (purchases, complaints) reads usage this way, so that its timers (a renewal check, a
   * lapse check) fire where the history is while a backfill is read, not at the partition's next
   * order days of history later. `CHURNWATCH_CLOCK_INPUTS=off` turns them off.
   */
  readonly clockInputs?: readonly DetectionTopic[];
  /**
   * The services whose consumer groups lead the clock (StreamRuntimeOptions.clockLeaderGroups): the
   * usage monitor, which reads the clock input as its own input, for a monitor; every monitor for
   * the risk scorer. `CHURNWATCH_CLOCK_LEADER_GROUPS`, by default this service's application id
   * with each leader's name for its own (`churnwatch.contract-monitor` → `churnwatch.usage-monitor`);
   * `none` turns the wait off.
   */
  readonly clockLeaders?: readonly string[];
  /** Whether the clock inputs are read unless CHURNWATCH_CLOCK_INPUTS says otherwise (default true). */
  readonly clockInputsByDefault?: boolean;
  /** The service's own `CHURNWATCH_<FIELD>` settings, validated with the shared ones. */
  readonly settings?: X;
}

export interface DetectionServiceConfig<X extends z.ZodRawShape = Record<never, never>> {
  readonly service: string;
  readonly runtime: RuntimeSettings;
  readonly kit: KitSettings;
  readonly own: z.infer<z.ZodObject<X>>;
  /** Topic per logical input, clock input and output, and `deadLetters`. */
  readonly topics: Readonly<Record<string, string>>;
  /** The spec's clock inputs, unless CHURNWATCH_CLOCK_INPUTS is off. */
  readonly clockInputs: readonly DetectionTopic[];
  readonly detection: DetectionConfig;
  /** Basic auth and CA for an https schema registry. */
  readonly registrySecurity: RegistrySecurity;
}

/**
 * Reads a detection service's whole configuration once, at start-up: the runtime settings, the
 * shared and the service's own settings, the topic names and the detection configuration file.
 * Nothing else reads the environment. On failure throws one ConfigError naming every bad
 * variable and every bad field of the file, so that one attempt shows everything to fix.
 */
export function loadDetectionServiceConfig<X extends z.ZodRawShape>(
  spec: DetectionServiceSpec<X>,
  env: Env,
  readText: ReadText = (path) => readFileSync(path, 'utf8'),
): DetectionServiceConfig<X> {
  const issues: string[] = [];
  const settingsSchema = z.object({ ...kitSettingsSchema.shape, ...(spec.settings ?? {}) });
  const settings = collect(issues, () => parseEnv(settingsSchema, env));
  const clockInputsOn = (settings?.clockInputs ?? (spec.clockInputsByDefault === false ? 'off' : 'on')) === 'on';
  const clockInputs = clockInputsOn ? (spec.clockInputs ?? []) : [];
  const applicationId = env.CHURNWATCH_APPLICATION_ID || `churnwatch.${spec.service}`;
  const clockLeaderGroups = collect(issues, () => clockLeaderGroupsOf(spec, clockInputs, applicationId, env.CHURNWATCH_CLOCK_LEADER_GROUPS));
  const withDefaults = { ...env, CHURNWATCH_APPLICATION_ID: applicationId, CHURNWATCH_CLOCK_LEADER_GROUPS: clockLeaderGroups };
  const runtime = collect(issues, () => parseRuntimeSettings(withDefaults));
  const names = [...new Set([...spec.inputs, ...clockInputs, ...spec.outputs, 'deadLetters' as const])];
  const topics = collect(issues, () => parseTopics(env, names, defaultTopicNames()));
  // The file is checked even when variables are wrong too, so that one attempt shows everything.
  const detection = collect(issues, () => loadDetectionConfigFile(env.CHURNWATCH_DETECTION_CONFIG_FILE || undefined, readText));
  const registrySecurity = collect(issues, () => parseRegistrySecurity(env, readText));
  if (issues.length > 0 || !runtime || !settings || !topics || !detection || !registrySecurity)
    throw new ConfigError(`the configuration of ${spec.service}`, issues);

  const kitFields = new Set(Object.keys(kitSettingsSchema.shape));
  const kit = Object.fromEntries(Object.entries(settings).filter(([field]) => kitFields.has(field))) as KitSettings;
  const own = Object.fromEntries(Object.entries(settings).filter(([field]) => !kitFields.has(field))) as z.infer<z.ZodObject<X>>;
  return { service: spec.service, runtime, kit, own, topics, clockInputs, detection, registrySecurity };
}

/** The clock leaders' groups, comma-separated: as set, or derived from the application id (see DetectionServiceSpec.clockLeaders). */
function clockLeaderGroupsOf(
  spec: Pick<DetectionServiceSpec, 'service' | 'clockLeaders'>,
  clockInputs: readonly string[],
  applicationId: string,
  configured: string | undefined,
): string | undefined {
  if (configured) return configured;
  const leaders = spec.clockLeaders ?? [];
  if (leaders.length === 0 || clockInputs.length === 0) return undefined;
  const suffix = `.${spec.service}`;
  if (applicationId.endsWith(suffix)) return leaders.map((leader) => `${applicationId.slice(0, -suffix.length)}.${leader}`).join(',');
  throw new ConfigError('the environment', [
    `CHURNWATCH_CLOCK_LEADER_GROUPS: set it to the application ids of ${leaders.join(', ')}, comma-separated (the clock waits for their commits), or to none; it cannot be derived from CHURNWATCH_APPLICATION_ID "${applicationId}", which does not end in "${suffix}"`,
  ]);
}
