import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { RestoreAbortedError } from '../errors.ts';

export interface RestoreSession {
  readonly records: number;
  readonly durationMs: number;
}

/** Where a running restore of one changelog partition is: records applied, offsets still to read. */
export interface RestoreProgress {
  readonly topic: string;
  readonly partition: number;
  readonly records: number;
  readonly remainingOffsets: number;
}

/**
 * Reads changelog partitions from their start to their end, for restoring state.
 *
 * kafkajs has no manual partition assignment, so this is one long-lived consumer in a group of its
 * own (it is the only member and gets every changelog partition). All partitions stay paused except
 * those being restored; a restore seeks its partition to the log start, resumes it, and ends when
 * the position reaches the end offset taken at its start. It never commits offsets.
 */
export interface ChangelogReader {
  restore(topic: string, partition: number, apply: (messages: readonly KafkaMessage[]) => void): Promise<RestoreSession>;
  /** Ends a running restore of that partition (its promise rejects with RestoreAbortedError). */
  cancel(topic: string, partition: number): void;
  /** The restores running now; a partition is absent once its restore ended or before it began. */
  progress(): RestoreProgress[];
  stop(): Promise<void>;
}

interface Session {
  readonly topic: string;
  readonly partition: number;
  readonly target: bigint;
  readonly startedAt: number;
  next: bigint;
  records: number;
  readonly apply: (messages: readonly KafkaMessage[]) => void;
  readonly resolve: (session: RestoreSession) => void;
  readonly reject: (error: unknown) => void;
}

export interface ChangelogReaderOptions {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** See RuntimeTuning.restoreFetchMaxBytes. */
  readonly fetchMaxBytes: number;
}

export function createChangelogReader(options: ChangelogReaderOptions): ChangelogReader {
  const { kafka, admin, groupId, topics, fetchMaxBytes } = options;
  const sessions = new Map<string, Session>();
  const id = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  let consumer: Consumer | undefined;
  let starting: Promise<Consumer> | undefined;

  const finish = (session: Session, error?: unknown) => {
    sessions.delete(id(session.topic, session.partition));
    consumer?.pause([{ topic: session.topic, partitions: [session.partition] }]);
    if (error) session.reject(error);
    else session.resolve({ records: session.records, durationMs: performance.now() - session.startedAt });
  };

  const advance = (session: Session, lastOffset: string) => {
    const reached = BigInt(lastOffset) + 1n;
    if (reached > session.next) session.next = reached;
    if (session.next >= session.target) finish(session);
  };

  const start = async (): Promise<Consumer> => {
    const created = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 200, maxBytesPerPartition: fetchMaxBytes, retry: { retries: 10 } });
    // After every (re)join, only partitions under restore are fetched, from where their restore is.
    created.on(created.events.GROUP_JOIN, () => {
      created.pause(topics.map((topic) => ({ topic })));
      for (const session of sessions.values()) {
        created.seek({ topic: session.topic, partition: session.partition, offset: session.next.toString() });
        created.resume([{ topic: session.topic, partitions: [session.partition] }]);
      }
    });
    // Batches holding only transaction markers never reach eachBatch; their offsets still count.
    created.on(created.events.END_BATCH_PROCESS, ({ payload }) => {
      const session = sessions.get(id(payload.topic, payload.partition));
      if (session && payload.batchSize === 0) advance(session, payload.lastOffset);
    });
    await created.connect();
    await created.subscribe({ topics: [...topics], fromBeginning: true });
    await created.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, pause }) => {
        const session = sessions.get(id(batch.topic, batch.partition));
        if (!session) {
          pause();
          return;
        }
        if (BigInt((batch as unknown as { fetchedOffset: string }).fetchedOffset) !== session.next) {
          created.seek({ topic: batch.topic, partition: batch.partition, offset: session.next.toString() });
          return;
        }
        session.records += batch.messages.length;
        try {
          session.apply(batch.messages);
        } catch (error) {
          finish(session, error);
          return;
        }
        resolveOffset(batch.lastOffset());
        advance(session, batch.lastOffset());
      },
    });
    consumer = created;
    return created;
  };

  return {
    async restore(topic, partition, apply) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const range = offsets.find((o) => o.partition === partition);
      if (!range) throw new RestoreAbortedError(`changelog ${topic} has no partition ${partition}`, { topic, partition });
      const low = BigInt(range.low);
      const target = BigInt(range.high);
      const startedAt = performance.now();
      if (target <= low) return { records: 0, durationMs: 0 };
      starting ??= start();
      const ready = await starting;
      const key = id(topic, partition);
      sessions.get(key)?.reject(new RestoreAbortedError('a newer restore of the partition started', { topic, partition }));
      return new Promise<RestoreSession>((resolve, reject) => {
        sessions.set(key, { topic, partition, target, startedAt, next: low, records: 0, apply, resolve, reject });
        ready.seek({ topic, partition, offset: low.toString() });
        ready.resume([{ topic, partitions: [partition] }]);
      });
    },
    cancel(topic, partition) {
      const session = sessions.get(id(topic, partition));
      if (session) finish(session, new RestoreAbortedError(`restore of ${topic}[${partition}] cancelled`, { topic, partition }));
    },
    progress() {
      return [...sessions.values()].map(({ topic, partition, records, target, next }) => ({
        topic,
        partition,
        records,
        remainingOffsets: Number(target - next),
      }));
    },
    async stop() {
      for (const session of [...sessions.values()]) finish(session, new RestoreAbortedError('the runtime is stopping', { topic: session.topic }));
      if (starting) await (await starting.catch(() => undefined))?.disconnect();
    },
  };
}
