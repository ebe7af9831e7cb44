import type { Logger } from '@churnwatch/telemetry';
import type { Admin } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';

/** A partition's end offsets, as the admin client reports them (offsets are decimal strings). */
export interface PartitionEnds {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/**
 * Pure: the records of a topic a consumer group has not finished, summed over the partitions (end
 * offset minus committed offset). A partition the group never committed counts from its first
 * retained record, as a new route reads from the beginning.
 */
export function uncommittedRecords(ends: readonly PartitionEnds[], committed: readonly { partition: number; offset: string }[]): number {
  let lag = 0;
  for (const end of ends) {
    const offset = Number(committed.find((entry) => entry.partition === end.partition)?.offset ?? -1);
    const from = offset < 0 ? Number(end.low) : offset;
    lag += Math.max(0, Number(end.high) - from);
  }
  return lag;
}

/**
 * `churnwatch_notifier_lag_records{route}`, read from the broker at every scrape: alerts on the
 * alerts topic a route's group has not committed (neither delivered nor written to the
 * failed-notifications topic yet). A receiver that hangs or refuses holds its route back, and this
 * is where it shows. When the broker does not answer, the last values stay.
 */
export function registerRouteLag(deps: {
  readonly registry: Registry;
  readonly admin: Admin;
  readonly topic: string;
  readonly groups: readonly { readonly route: string; readonly groupId: string }[];
  readonly logger: Logger;
}): void {
  const { admin, topic, groups, logger } = deps;
  new Gauge({
    name: 'churnwatch_notifier_lag_records',
    help: 'Alerts a route has not finished (delivered or written to the failed-notifications topic): end offsets minus its group’s committed offsets.',
    labelNames: ['route'],
    registers: [deps.registry],
    async collect() {
      try {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const { route, groupId } of groups) {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          this.set({ route }, uncommittedRecords(ends, offsets?.partitions ?? []));
        }
      } catch (error) {
        logger.warn({ err: error }, 'route lag not read from the broker; the last values stay');
      }
    },
  });
}
