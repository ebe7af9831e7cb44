import { type DetectionTopic, detectionTopicContracts } from '@churnwatch/detection-service-kit';
import type { EventKind } from '@churnwatch/simulator';
import { envName } from '@churnwatch/stream-runtime';
import type { Kafka } from 'kafkajs';
import { ChaosError } from '../errors.ts';

export type TopicNames = Readonly<Record<DetectionTopic, string>>;

/**
 * A fresh set of detection topics for one scenario (`<run>.<default name>`), co-partitioned,
 * tables compacted, created in one request; resolves once every partition has a leader.
 */
export async function createScenarioTopics(kafka: Kafka, run: string, partitions: number): Promise<TopicNames> {
  const contracts = Object.entries(detectionTopicContracts) as [DetectionTopic, (typeof detectionTopicContracts)[DetectionTopic]][];
  const names = Object.fromEntries(contracts.map(([name, contract]) => [name, `${run}.${contract.defaultTopic}`])) as Record<DetectionTopic, string>;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      // kafkajs' own wait can ask for metadata before a busy broker hosts a brand-new partition, and fail.
      waitForLeaders: false,
      topics: contracts.map(([name, contract]) => ({
        topic: names[name],
        numPartitions: partitions,
        replicationFactor: 1,
        configEntries: [{ name: 'cleanup.policy', value: contract.shape === 'table' ? 'compact' : 'delete' }],
      })),
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const metadata = await admin.fetchTopicMetadata({ topics: Object.values(names) }).catch(() => undefined);
      if (metadata?.topics.every((topic) => topic.partitions.length === partitions && topic.partitions.every((p) => p.leader >= 0))) break;
      if (Date.now() > deadline) throw new ChaosError('CHAOS_TOPICS_NOT_READY', `the topics of ${run} have no leaders after 60 s`);
      await new Promise((done) => setTimeout(done, 200));
    }
  } finally {
    await admin.disconnect();
  }
  return names;
}

/** `CHURNWATCH_TOPIC_<NAME>` for every topic: how a service is pointed at them. */
export function topicVariables(names: TopicNames): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([name, topic]) => [envName(`topic${name[0]?.toUpperCase()}${name.slice(1)}`), topic]));
}

/** Where the simulator's producer sends each event kind. */
export function simulatorTopics(names: TopicNames): Record<EventKind, string> {
  return { usage: names.usage, purchase: names.purchases, complaint: names.complaints, feedback: names.feedback, customer_profile: names.customerProfiles };
}
