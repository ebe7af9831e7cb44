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
 * Follows the clock leader's committed offsets on the clock topic (StreamRuntimeOptions.
 * clockLeaderGroup) and hands each assigned partition's to its clock gate. One offset fetch per
 * `clockLeaderPollMs`, never two at once; `moved` then moves the partition's stream time to what
 * its gate lets through.
 */
export function createClockLeaderWatch<S>(ctx: RuntimeContext<S>, moved: (run: PartitionRun<S>) => void): { poll(): void } {
  const { clockLeaderGroup: groupId, ledClockTopic: topic, logger } = ctx;
  let polling = false;
  let warnedAtMs = Number.NEGATIVE_INFINITY;
  const warn = (fields: object, message: string) => {
    if (Date.now() - warnedAtMs < WARN_EVERY_MS) return;
    warnedAtMs = Date.now();
    logger.warn({ clockLeaderGroup: groupId, clockTopic: topic, ...fields }, message);
  };

  const fetch = async () => {
    if (groupId === undefined || topic === undefined || ctx.admin === undefined) return;
    const [offsets] = await ctx.admin.fetchOffsets({ groupId, topics: [topic] });
    const waiting: number[] = [];
    for (const { partition, offset } of offsets?.partitions ?? []) {
      const run = ctx.runs.get(partition);
      if (run === undefined) continue;
      if (offset === '-1') waiting.push(partition);
      else if (run.clockGate.followLeader(BigInt(offset))) moved(run);
    }
    if (waiting.length > 0) warn({ partitions: waiting }, 'the clock leader has committed nothing on these partitions yet: their clock waits for it');
  };

  return {
    poll(): void {
      if (polling || !ctx.working || ctx.runs.size === 0) return;
      polling = true;
      withinMs(fetch(), READ_TIMEOUT_MS, "reading the clock leader's offsets")
        .catch((error: unknown) => warn({ err: error }, "the clock leader's offsets could not be read; the clock waits"))
        .finally(() => {
          polling = false;
        });
    },
  };
}
