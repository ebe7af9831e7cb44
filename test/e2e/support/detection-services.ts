// Runs the detection services as processes for end-to-end tests: fresh topics for every logical
// topic, one process per service with a unique application id and its own metrics port.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, startService, stopService } from '@churnwatch/cli/service-processes';
import { freePort } from '@churnwatch/local-kafka';
import { testBrokers, uniqueName, waitFor, withAdmin } from '@churnwatch/testkit';

export const detectionServiceNames = ['usage-monitor', 'contract-monitor', 'complaint-monitor', 'purchase-monitor', 'risk-scorer', 'kpi-aggregator'] as const;
export type DetectionServiceName = (typeof detectionServiceNames)[number];

const eventTopics = ['usage', 'purchases', 'complaints', 'feedback', 'control', 'signals', 'alerts', 'kpi', 'deadLetters'] as const;
const tableTopics = ['customerProfiles', 'customerHealth', 'retentionKpis'] as const;
export type LogicalTopic = (typeof eventTopics)[number] | (typeof tableTopics)[number];
export type DetectionTopics = Readonly<Record<LogicalTopic, string>>;

/**
 * Fresh topics for every logical topic, all with `partitions` partitions (co-partitioned); tables
 * compacted. Created in one request, then awaited until every partition has a leader (kafkajs'
 * own wait can ask for metadata before the broker hosts a brand-new partition).
 */
export async function createDetectionTopics(partitions: number): Promise<DetectionTopics> {
  const names = Object.fromEntries([...eventTopics, ...tableTopics].map((name) => [name, uniqueName(name)])) as Record<LogicalTopic, string>;
  const compacted = new Set<string>(tableTopics);
  await withAdmin(async (admin) => {
    await admin.createTopics({
      waitForLeaders: false,
      topics: Object.entries(names).map(([name, topic]) => ({
        topic,
        numPartitions: partitions,
        replicationFactor: 1,
        configEntries: compacted.has(name) ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    });
    await waitFor(
      async () => {
        const metadata = await admin.fetchTopicMetadata({ topics: Object.values(names) }).catch(() => undefined);
        const led = metadata?.topics.every((topic) => topic.partitions.length === partitions && topic.partitions.every((p) => p.leader >= 0));
        return led ? true : undefined;
      },
      'leaders of the new topics',
      30_000,
      200,
    );
  });
  return names;
}

/** `customerProfiles` → `CHURNWATCH_TOPIC_CUSTOMER_PROFILES`. */
const topicVariable = (name: string) => `CHURNWATCH_TOPIC_${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;

export interface StartedDetectionService {
  readonly name: DetectionServiceName;
  /** Also its consumer group id. */
  readonly applicationId: string;
  readonly metricsPort: number;
  readonly process: RunningService;
}

/** A temporary directory for logs and configuration files. */
export function makeWorkDir(): string {
  return mkdtempSync(join(tmpdir(), 'churnwatch-e2e-'));
}

/** Writes a detection configuration file into `dir` and returns its path. */
export function writeDetectionConfig(dir: string, config: unknown): string {
  const path = join(dir, 'detection.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/**
 * Starts the named services with short session timeouts and a fast wall-clock check, every
 * logical topic mapped, and `env` on top. Logs go to `<workDir>/<service>.log`.
 */
export async function startDetectionServices(
  names: readonly DetectionServiceName[],
  options: { readonly topics: DetectionTopics; readonly workDir: string; readonly env?: Readonly<Record<string, string>> },
): Promise<StartedDetectionService[]> {
  const run = uniqueName('e2e');
  const topicEnv = Object.fromEntries(Object.entries(options.topics).map(([name, topic]) => [topicVariable(name), topic]));
  const started: StartedDetectionService[] = [];
  for (const name of names) {
    const metricsPort = await freePort();
    const applicationId = `${run}.${name}`;
    const env = {
      CHURNWATCH_KAFKA_BROKERS: testBrokers().join(','),
      CHURNWATCH_APPLICATION_ID: applicationId,
      CHURNWATCH_METRICS_PORT: String(metricsPort),
      CHURNWATCH_SESSION_TIMEOUT_MS: '10000',
      CHURNWATCH_HEARTBEAT_INTERVAL_MS: '1000',
      CHURNWATCH_WALL_CLOCK_CHECK_INTERVAL_MS: '200',
      // Tests read committed offsets and changelogs: commit every half second, not every 30 s.
      CHURNWATCH_COMMIT_INTERVAL_MS: '500',
      CHURNWATCH_KAFKA_LOG_LEVEL: 'error',
      ...topicEnv,
      ...options.env,
    };
    started.push({ name, applicationId, metricsPort, process: startService({ name, env }, options.workDir) });
  }
  return started;
}

export async function stopDetectionServices(services: readonly StartedDetectionService[]): Promise<void> {
  await Promise.all(services.map((service) => stopService(service.process)));
}

/** The service's /metrics text, or undefined while it does not answer. */
export async function scrape(service: StartedDetectionService): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${service.metricsPort}/metrics`);
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

/** The value of one series in Prometheus text (labels matched as given, in any order); undefined when absent. */
export function seriesValue(metrics: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const line of metrics.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([label, value]) => found.get(label) === value)) return Number(match[3]);
  }
  return undefined;
}

/** Waits until the service's /metrics shows the series at `expected` (or satisfying it). */
export async function waitForSeries(
  service: StartedDetectionService,
  name: string,
  labels: Readonly<Record<string, string>>,
  expected: number | ((value: number) => boolean),
  timeoutMs = 90_000,
): Promise<string> {
  const holds = typeof expected === 'number' ? (value: number) => value === expected : expected;
  return waitFor(
    async () => {
      const metrics = await scrape(service);
      const value = metrics === undefined ? undefined : seriesValue(metrics, name, labels);
      return value !== undefined && holds(value) ? metrics : undefined;
    },
    `${name}${JSON.stringify(labels)} on ${service.name}`,
    timeoutMs,
    250,
  );
}
