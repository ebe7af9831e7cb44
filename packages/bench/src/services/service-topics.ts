import { type DetectionTopic, detectionTopicContracts } from '@churnwatch/detection-service-kit';
import { envName } from '@churnwatch/stream-runtime';
import type { Kafka } from 'kafkajs';
import { createTopics } from '../kafka/topics.ts';

/** Every detection topic under `<prefix>.<default name>`, so runs on one broker never read each other's records. */
export function prefixedTopicNames(prefix: string): Record<DetectionTopic, string> {
  return Object.fromEntries(Object.entries(detectionTopicContracts).map(([name, contract]) => [name, `${prefix}.${contract.defaultTopic}`])) as Record<
    DetectionTopic,
    string
  >;
}

/** The `CHURNWATCH_TOPIC_<NAME>` variables that point a service at those topics. */
export function topicEnv(names: Record<DetectionTopic, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([name, topic]) => [envName(`topic${name[0]!.toUpperCase()}${name.slice(1)}`), topic]));
}

/** Creates them all, co-partitioned, tables compacted. */
export function createDetectionTopics(kafka: Kafka, names: Record<DetectionTopic, string>, partitions: number): Promise<void> {
  return createTopics(
    kafka,
    Object.entries(detectionTopicContracts).map(([name, contract]) => ({
      topic: names[name as DetectionTopic],
      partitions,
      compacted: contract.shape === 'table',
    })),
  );
}
