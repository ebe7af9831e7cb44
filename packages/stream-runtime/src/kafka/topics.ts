import type { Admin } from 'kafkajs';
import { TopologyError } from '../errors.ts';

export interface TopicPlan {
  /** Input topics; they must exist and have the same partition count (co-partitioned). */
  readonly inputs: readonly string[];
  /** Output and dead-letter topics; they must exist. */
  readonly outputs: readonly string[];
  /** The processor's changelog; created (compacted, one partition per input partition) when missing. */
  readonly changelog: string;
  /** For a created changelog; -1 takes the broker's default.replication.factor. */
  readonly replicationFactor: number;
}

/**
 * Checks the topics a runtime needs and creates its changelog. Refuses to start, naming the
 * topics, when inputs are missing or not co-partitioned or the changelog does not match them.
 * Returns the partition count of the inputs.
 */
export async function prepareTopics(admin: Admin, plan: TopicPlan): Promise<number> {
  const existing = new Set(await admin.listTopics());
  const missing = [...plan.inputs, ...plan.outputs].filter((topic) => !existing.has(topic));
  if (missing.length) throw new TopologyError(`missing topics: ${missing.join(', ')} (create them before starting)`, { missing });

  const metadata = await admin.fetchTopicMetadata({ topics: [...plan.inputs] });
  const counts = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
  const distinct = new Set(counts.values());
  if (distinct.size !== 1) {
    const detail = [...counts].map(([topic, count]) => `${topic} has ${count}`).join(', ');
    throw new TopologyError(`input topics are not co-partitioned: ${detail}; they need the same partition count`, { partitions: Object.fromEntries(counts) });
  }
  const partitions = [...distinct][0]!;

  if (!existing.has(plan.changelog)) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: plan.changelog,
          numPartitions: partitions,
          replicationFactor: plan.replicationFactor,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
  }
  const [changelog] = (await admin.fetchTopicMetadata({ topics: [plan.changelog] })).topics;
  if (changelog?.partitions.length !== partitions) {
    throw new TopologyError(
      `changelog topic ${plan.changelog} has ${changelog?.partitions.length} partitions but the inputs have ${partitions}; state cannot be co-partitioned`,
      { changelog: plan.changelog },
    );
  }
  return partitions;
}
