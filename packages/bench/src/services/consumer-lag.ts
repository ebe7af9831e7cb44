import type { Kafka } from 'kafkajs';

/** Records `groupId` has not committed yet on `topics` (end offset − committed offset, summed; an uncommitted partition counts from its start). */
export async function groupLag(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lag = 0;
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const end of ends) {
        const done = Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        lag += Number(end.high) - (done >= 0 ? done : Number(end.low));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
