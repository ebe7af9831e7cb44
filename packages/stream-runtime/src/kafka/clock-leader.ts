import type { PartitionRun } from './partition-run.ts';
import { withinMs } from './retry.ts';
import type { RuntimeContext } from './runtime-context.ts';

/** Logged at most this often while the leader's offsets cannot be read, or while it has committed nothing. */
const WARN_EVERY_MS = 60_000;

/**
 * A read of the leader's offsets unanswered for this long is given up and the next poll tries
 * again. After a broker restart one such read stayed unanswered for good, and with it every later
 * poll (they never overlap): the clock waited for ever for a leader that had long caught up.
 */
const READ_TIMEOUT_MS = 10_000;

/**
 * Follows the clock leaders' committed offsets on the clock topic (StreamRuntimeOptions.
 * clockLeaderGroups) and hands each assigned partition's to its clock gate, with the round of
 * fetches they were seen in. One offset fetch per leader and `clockLeaderPollMs`, never two polls
 * at once; `moved` then moves the partition's stream time to what its gate lets through.
 */
export function createClockLeaderWatch<S>(ctx: RuntimeContext<S>, moved: (run: PartitionRun<S>) => void): { poll(): void } {
  const { clockLeaderGroups: groups, ledClockTopic: topic, logger } = ctx;
  let polling = false;
  const warnedAtMs = new Map<string, number>();
  const warn = (fields: object, message: string) => {
    if (Date.now() - (warnedAtMs.get(message) ?? Number.NEGATIVE_INFINITY) < WARN_EVERY_MS) return;
    warnedAtMs.set(message, Date.now());
    logger.warn({ clockLeaderGroups: groups, clockTopic: topic, ...fields }, message);
  };

  const follow = async (admin: NonNullable<RuntimeContext<S>['admin']>, clockTopic: string, groupId: string) => {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [clockTopic] });
    // Seen now: what the leader wrote before these commits is in its output topics, to be read by the next rounds of fetches.
    const mark = ctx.fetchCycles.mark();
    const nowMs = performance.now();
    const waiting: number[] = [];
    for (const { partition, offset } of offsets?.partitions ?? []) {
      const run = ctx.runs.get(partition);
      if (run === undefined) continue;
      if (offset === '-1') waiting.push(partition);
      if (run.clockGate.followLeader(groupId, BigInt(offset), mark, nowMs)) moved(run);
    }
    if (waiting.length > 0)
      warn({ clockLeaderGroup: groupId, partitions: waiting }, 'a clock leader has committed nothing on these partitions yet: their clock waits for it');
  };

  const fetch = async () => {
    const admin = ctx.admin;
    if (topic === undefined || admin === undefined) return;
    await Promise.all(groups.map((groupId) => follow(admin, topic, groupId)));
    const nowMs = performance.now();
    for (const run of ctx.runs.values()) {
      const stalled = run.clockGate.stalledLeaders(nowMs);
      if (stalled.length === 0) continue;
      warn(
        { stalledLeaders: stalled, partition: run.partition },
        'clock leaders whose commits have not moved for CHURNWATCH_CLOCK_LEADER_STALL_MS: the clock goes on without them until they move',
      );
      // Their stall may be what held the clock: let it through now, not at the next clock record.
      moved(run);
    }
  };

  return {
    poll(): void {
      if (polling || !ctx.working || ctx.runs.size === 0) return;
      polling = true;
      withinMs(fetch(), READ_TIMEOUT_MS, "reading the clock leaders' offsets")
        .catch((error: unknown) => warn({ err: error }, "the clock leaders' offsets could not be read; the clock waits"))
        .finally(() => {
          polling = false;
        });
    },
  };
}
