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
    let last: Snapshot | undefined;
    let quietSince = Date.now();
    let why = 'no snapshot yet';
    for (;;) {
      if (Date.now() > deadline) throw new ChaosError('CHAOS_NOT_SETTLED', `the pipeline did not settle within ${options.timeoutMs} ms: ${why}`);
      const snapshot: Snapshot = await snapshotOf(admin, fleet, options).catch((error: Error) => ({ busy: [`snapshot failed: ${error.message}`], state: {} }));
      const moved = last === undefined ? ['first look'] : Object.keys(snapshot.state).filter((key) => snapshot.state[key] !== last?.state[key]);
      if (snapshot.busy.length > 0 || moved.length > 0) {
        why = snapshot.busy.length > 0 ? snapshot.busy.join('; ') : `still moving: ${moved.join(', ')}`;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= options.quietMs) {
        return;
      }
      last = snapshot;
      await new Promise((done) => setTimeout(done, 500));
    }
  } finally {
    await admin.disconnect();
  }
}

type Admin = ReturnType<Kafka['admin']>;

/** What is still going on (empty: nothing), and the positions that must stop moving, by name. */
interface Snapshot {
  readonly busy: string[];
  readonly state: Readonly<Record<string, string>>;
}

async function snapshotOf(admin: Admin, fleet: ServiceFleet, options: SettleOptions): Promise<Snapshot> {
  const busy: string[] = [];
  const state: Record<string, string> = {};
  for (const { service, topics } of options.services) {
    const owned = await Promise.all(fleet.running(service).map((instance) => assignedPartitions(instance.metricsPort)));
    if (owned.length === 0) busy.push(`${service}: no instance running`);
    else if (owned.some((n) => n === undefined)) busy.push(`${service}: an instance is not ready`);
    else if (owned.reduce((a = 0, b = 0) => a + b, 0) !== options.partitions)
      busy.push(`${service}: owns ${owned.join('+')} of ${options.partitions} partitions`);
    const committed = await admin.fetchOffsets({ groupId: fleet.applicationId(service), topics: [...topics] });
    state[`${service} offsets`] = JSON.stringify(committed);
    for (const topic of committed.filter((t) => options.externalTopics.has(t.topic))) {
      const ends = await admin.fetchTopicOffsets(topic.topic);
      for (const end of ends) {
        const done = Number(topic.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        if (Number(end.high) > Number(end.low) && done < Number(end.high)) busy.push(`${service}: ${topic.topic}/${end.partition} at ${done} of ${end.high}`);
      }
    }
  }
  for (const topic of options.outputTopics) state[topic] = JSON.stringify((await admin.fetchTopicOffsets(topic)).map((end) => end.high));
  return { busy, state };
}
