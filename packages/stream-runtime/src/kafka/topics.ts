import type { Admin } from 'kafkajs';
import { TopologyError } from '../errors.ts';
import { isTransient, retry } from './retry.ts';

export interface TopicPlan {
  /** Input topics; they must exist and have the same partition count (co-partitioned). */
  readonly inputs: readonly string[];
  /** Output and dead-letter topics; they must exist. */
  readonly outputs: readonly string[];
  /** The processor's changelog; created (compacted, one partition per input partition) when missing. */
  readonly changelog: string;
  /** The consumer group (application id): a missing changelog is refused while it has consumed its inputs. */
  readonly groupId: string;
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
    await refuseLostState(admin, plan);
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

/**
 * A changelog that is missing while the group's committed offsets lie past the start of its
 * inputs means the state those records built is gone (the topic was deleted): creating an empty
 * one would carry on from those offsets with no state, silently. Refuses, saying how to rebuild.
 * A new application (no offsets) or a group rewound to the earliest offsets starts as before.
 */
async function refuseLostState(admin: Admin, plan: TopicPlan): Promise<void> {
  const ahead: string[] = [];
  // A group new to this broker has a coordinator still loading for a moment: that is not a broker outage.
  const committed = await retry(() => admin.fetchOffsets({ groupId: plan.groupId, topics: [...plan.inputs] }), {
    initialMs: 100,
    maxMs: 1_000,
    maxAttempts: 10,
    retriable: isTransient,
  });
  for (const { topic, partitions } of committed) {
    const starts = new Map((await admin.fetchTopicOffsets(topic)).map((range) => [range.partition, Number(range.low)]));
    for (const { partition, offset } of partitions) if (Number(offset) > (starts.get(partition) ?? 0)) ahead.push(`${topic}/${partition}@${offset}`);
  }
  if (ahead.length === 0) return;
  throw new TopologyError(
    `changelog topic ${plan.changelog} is missing, but group ${plan.groupId} has committed offsets past the start of its inputs ` +
      `(${ahead.slice(0, 3).join(', ')}${ahead.length > 3 ? `, ${ahead.length - 3} more` : ''}): the state built from them is gone. ` +
      `Rebuild it from the inputs: stop every instance, rewind the group (kafka-consumer-groups --group ${plan.groupId} --reset-offsets --to-earliest ` +
      '--topic <each input> --execute), then start; the changelog is created again',
    { changelog: plan.changelog, groupId: plan.groupId, committedPastStart: ahead.length },
  );
}
