import { type KafkaSecurity, kafkaClientSecurity } from '@churnwatch/connection-security';
import { type DetectionTopic, detectionTopicContracts } from '@churnwatch/detection-service-kit';
import { type Admin, Kafka, logLevel } from 'kafkajs';

export interface TopicSetupOptions {
  readonly brokers: readonly string[];
  /** For every topic: the customer-keyed ones must be co-partitioned, and the services check it. */
  readonly partitions: number;
  /** Topic name per logical topic, where it differs from the default. */
  readonly names?: Partial<Record<DetectionTopic, string>>;
  /** TLS and SASL (see @churnwatch/connection-security); plaintext without. */
  readonly security?: KafkaSecurity;
}

/** Where the notifier writes alerts it could not deliver (see services/notifier). */
export const failedNotificationsTopic = 'churnwatch.notifications.failed';

/** The topic specs: tables (customer profiles, customer health, retention KPIs) compacted, event topics deleted by age. */
export function topicSpecs(options: Pick<TopicSetupOptions, 'partitions' | 'names'>) {
  const spec = (topic: string, compacted: boolean) => ({
    topic,
    numPartitions: options.partitions,
    replicationFactor: -1,
    configEntries: [{ name: 'cleanup.policy', value: compacted ? 'compact' : 'delete' }],
  });
  return [
    ...Object.entries(detectionTopicContracts).map(([name, contract]) =>
      spec(options.names?.[name as DetectionTopic] ?? contract.defaultTopic, contract.shape === 'table'),
    ),
    spec(failedNotificationsTopic, false),
    // The notifier's daily digests: alert steps re-keyed by route and owner, and the digests.
    spec('churnwatch.notifications.digest-items', false),
    spec('churnwatch.notifications.digests', false),
  ];
}

/**
 * Creates every topic churnwatch reads or writes that does not exist yet: the published contracts
 * (inputs, alerts, customer health, dead letters) and the internal ones between the detection
 * services (`churnwatch.signals`, `churnwatch.control`, `churnwatch.kpi-changes`,
 * `churnwatch.retention-kpis`), and the notifier's failed-notifications topic. Returns the names
 * it created.
 */
export async function ensureContractTopics(options: TopicSetupOptions): Promise<string[]> {
  const kafka = new Kafka({
    clientId: 'churnwatch-topic-setup',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    ...kafkaClientSecurity(options.security),
  });
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topicSpecs(options).filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    return missing.map((spec) => spec.topic);
  } finally {
    await admin.disconnect();
  }
}
