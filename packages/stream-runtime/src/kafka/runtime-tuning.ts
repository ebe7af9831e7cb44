import { defaultMaxRecentEventIds } from '../defaults.ts';

export type DeliveryMode = 'at-least-once' | 'exactly-once';

/** Tuning with defaults; see defaultTuning. */
export interface RuntimeTuning {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /**
   * Records plus timer firings taken up between two checks of the consumer (heartbeat, stop,
   * stale batch); in at-least-once mode their outputs are sent (and acknowledged) at that point.
   */
  readonly maxWorkPerChunk: number;
  /**
   * How often a partition's state changes, offsets (and in exactly-once mode its outputs) are
   * committed, as Kafka Streams' `commit.interval.ms`. Between commits each changed key is held
   * once (the dirty-key cache), so a commit writes one changelog record per changed key however
   * often it changed. Undefined takes the mode's default (see defaultCommitIntervalMs).
   */
  readonly commitIntervalMs: number | undefined;
  /**
   * Exactly once: a partition whose last batch reached the end of its input, and which holds
   * outputs, commits once this long has passed since its last commit instead of at the full
   * interval. While it keeps up with its input its outputs become visible sooner (an alert waits
   * for two commits, its monitor's and the risk scorer's); while it works through a backlog its
   * batches stop short of the end and it commits at the interval, with no more transactions than
   * before. Undefined: a fifth of the commit interval; the interval itself turns it off.
   */
  readonly caughtUpCommitMs: number | undefined;
  /** A commit also happens as soon as this many keys of a partition changed since the last one (bounds the cache's memory). */
  readonly maxDirtyKeys: number;
  readonly wallClockCheckIntervalMs: number;
  /** How often the clock leader's committed offsets are read (StreamRuntimeOptions.clockLeaderGroups). */
  readonly clockLeaderPollMs: number;
  /**
   * A clock leader whose committed offset has not moved for this long is not waited for until it
   * moves again (clock-gate.ts). Above the leaders' commit interval (30 s at-least-once by default).
   */
  readonly clockLeaderStallMs: number;
  /**
   * Wall-clock timers of a partition wait while its stream time is further behind the wall clock
   * than this and records keep coming (see PartitionRun.catchingUp)…
   */
  readonly wallClockHoldWhileBehindMs: number;
  /** …that is, while its last batch is at most this old, or longer while the history's pace says more of it is still coming (see HistoryHold). */
  readonly wallClockHoldIdleMs: number;
  /**
   * A chunk's records go to Kafka in produce requests of at most this many bytes: a broker refuses
   * a record batch above its `max.message.bytes` (1 MiB by default).
   */
  readonly maxRequestBytes: number;
  readonly maxRecentEventIds: number;
  /**
   * Keys of a partition whose state is held decoded, the most recently written; the others are
   * held as their changelog bytes and decoded when read (store/packed-store.ts).
   */
  readonly stateCacheKeys: number;
  /** Longest a partition's stream inputs wait for its table inputs to be read to their end (see table-catch-up.ts). */
  readonly tableCatchUpMaxMs: number;
  readonly transactionTimeoutMs: number;
  /** For the changelog topic when it is created; -1 is the broker's default. */
  readonly replicationFactor: number;
  /** How long start-up keeps retrying an unreachable broker before giving up. */
  readonly startupTimeoutMs: number;
  /** /healthz turns false when neither the consumer nor a restore showed activity for this long. */
  readonly livenessTimeoutMs: number;
  /**
   * A consumer with no heartbeat answered and no group join for this long is replaced by a new one
   * (consumer-watchdog.ts). Longer than a JoinGroup may wait (kafkajs' rebalance timeout, 60 s),
   * shorter than the liveness timeout, so the service mends itself before it is restarted.
   */
  readonly consumerStallMs: number;
  /** Consecutive consumer crashes (or replacements) without progress before the runtime gives up, once they have gone on for `consumerStallMs` (restart-budget.ts). */
  readonly maxConsumerRestarts: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  readonly maxWaitTimeMs: number;
  /**
   * Most bytes one fetch of a restore takes from a changelog partition (the broker still returns at
   * least one record batch). It bounds a restore's memory per partition, and a restore applies and
   * reports its progress one fetch at a time.
   */
  readonly restoreFetchMaxBytes: number;
  /**
   * Partitions whose batches are worked on at the same time. Each partition's work stays serial
   * (its queue); across partitions it interleaves, so one partition's commit (in exactly-once mode
   * a transaction of several round trips) does not hold up the others.
   */
  readonly partitionsConsumedConcurrently: number;
}

/**
 * Kafka Streams' defaults: at-least-once commits every 30 s (a crash repeats at most that much
 * work, outputs are sent as they are made), exactly-once every 100 ms (outputs become visible at
 * commit, so this is their latency).
 */
export function defaultCommitIntervalMs(delivery: DeliveryMode): number {
  return delivery === 'exactly-once' ? 100 : 30_000;
}

export const defaultTuning: RuntimeTuning = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  maxWorkPerChunk: 2_000,
  commitIntervalMs: undefined,
  caughtUpCommitMs: undefined,
  maxDirtyKeys: 50_000,
  wallClockCheckIntervalMs: 1_000,
  clockLeaderPollMs: 200,
  clockLeaderStallMs: 120_000,
  wallClockHoldWhileBehindMs: 60_000,
  wallClockHoldIdleMs: 5_000,
  maxRequestBytes: 512 * 1024,
  maxRecentEventIds: defaultMaxRecentEventIds,
  stateCacheKeys: 10_000,
  tableCatchUpMaxMs: 60_000,
  transactionTimeoutMs: 60_000,
  replicationFactor: -1,
  startupTimeoutMs: 300_000,
  livenessTimeoutMs: 120_000,
  consumerStallMs: 90_000,
  maxConsumerRestarts: 10,
  retryInitialMs: 200,
  retryMaxMs: 10_000,
  maxWaitTimeMs: 500,
  restoreFetchMaxBytes: 8 * 1024 * 1024,
  partitionsConsumedConcurrently: 8,
};
