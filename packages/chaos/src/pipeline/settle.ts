import type { Kafka } from 'kafkajs';
import { ChaosError } from '../errors.ts';
import type { ServiceFleet } from './service-fleet.ts';
import { isReady, metricSum, scrapeMetrics } from './service-metrics.ts';

/** A service and the topics its consumer group reads. */
export interface ServiceInputs {
  readonly service: string;
  readonly topics: readonly string[];
}

export interface SettleOptions {
  readonly services: readonly ServiceInputs[];
  /** Topics written from outside (not by a service, so never transactional): their lag must reach 0. */
  readonly externalTopics: ReadonlySet<string>;
  /** Topics whose growth means work is still going on (the services' outputs). */
  readonly outputTopics: readonly string[];
  readonly partitions: number;
  /** How long nothing may move; longer than the wall-clock hold, so due timers have fired. */
  readonly quietMs: number;
  readonly timeoutMs: number;
}

/** Partitions a ready instance owns; undefined while it is not ready. */
async function assignedPartitions(port: number): Promise<number | undefined> {
  if (!(await isReady(port))) return undefined;
  const text = await scrapeMetrics(port);
  return text === undefined ? undefined : metricSum(text, 'churnwatch_assigned_partitions');
}

/**
 * Waits until the pipeline has done all it will do: every service ready with all partitions
 * owned, every externally written input committed to its end, and no committed offset and no
 * output topic moving for `quietMs`. (A service's own transactional outputs end in commit markers
 * no consumer ever commits past, so their lag is not a measure; their quiet is.)
 */
export async function waitUntilSettled(kafka: Kafka, fleet: ServiceFleet, options: SettleOptions): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + options.timeoutMs;
    let last = '';
    let quietSince = Date.now();
    for (;;) {
      if (Date.now() > deadline) throw new ChaosError('CHAOS_NOT_SETTLED', `the pipeline did not settle within ${options.timeoutMs} ms`);
      const snapshot = await snapshotOf(admin, fleet, options).catch(() => undefined);
      if (snapshot === undefined || snapshot.busy) {
        last = '';
        quietSince = Date.now();
      } else if (snapshot.state !== last) {
        last = snapshot.state;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= options.quietMs) {
        return;
      }
      await new Promise((done) => setTimeout(done, 500));
    }
  } finally {
    await admin.disconnect();
  }
}

type Admin = ReturnType<Kafka['admin']>;

async function snapshotOf(admin: Admin, fleet: ServiceFleet, options: SettleOptions): Promise<{ busy: boolean; state: string }> {
  let busy = false;
  const offsets: unknown[] = [];
  for (const { service, topics } of options.services) {
    const owned = await Promise.all(fleet.running(service).map((instance) => assignedPartitions(instance.metricsPort)));
    if (owned.length === 0 || owned.some((n) => n === undefined) || owned.reduce((a = 0, b = 0) => a + b, 0) !== options.partitions) busy = true;
    const committed = await admin.fetchOffsets({ groupId: fleet.applicationId(service), topics: [...topics] });
    offsets.push(committed);
    for (const topic of committed.filter((t) => options.externalTopics.has(t.topic))) {
      const ends = await admin.fetchTopicOffsets(topic.topic);
      for (const end of ends) {
        const done = Number(topic.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        if (Number(end.high) > Number(end.low) && done < Number(end.high)) busy = true;
      }
    }
  }
  const outputEnds = await Promise.all(options.outputTopics.map((topic) => admin.fetchTopicOffsets(topic)));
  return { busy, state: JSON.stringify([offsets, outputEnds.map((ends) => ends.map((end) => end.high))]) };
}
