import type { PartitionRun } from './partition-run.ts';
import type { RuntimeContext } from './runtime-context.ts';

/** Records of the partition's own stream inputs held back for the clock leader (see waitsForLeader). */
export interface LeaderHold {
  /** The earliest event time of the held records: the hold ends once the leader has reached it. */
  timeMs: number;
  readonly topics: Set<string>;
  /** performance.now() after which the records go on without the leader. */
  readonly deadlineMs: number;
}

/**
 * Whether a record of an own stream input, of event time `timeMs`, must wait for the clock leader
 * (StreamRuntimeOptions.clockLeaderGroup); if so its topic is paused on this partition and the
 * record is fetched again when the hold ends (releaseLeaderHold).
 *
 * The leader's timers and records write what it makes of the clock topic (a usage monitor's
 * "usage stopped"); a record of this partition's own input (a complaint, a purchase) processed
 * before the leader has got to its time writes ahead of them, and a reader of both outputs sees
 * the complaint before the silence that came first. Clock records already wait for the leader
 * (ClockGate); this makes the own records wait too, while the leader has clock records known of
 * before their time still to commit. A leader that is up to date (committed up to the clock
 * topic's end) holds nothing, so in a live stream the wait is at most one of its commit intervals.
 *
 * A leader that does not come back (or never existed) must not stop the stream: after
 * `clockLeaderHoldMaxMs` the records go on with a warning, and the partition holds nothing more
 * until the leader's committed offset moves.
 */
export function waitsForLeader<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>, topic: string, timeMs: number): boolean {
  const gate = run.clockGate;
  if (ctx.clockLeaderGroup === undefined || gate.leaderReached(timeMs)) return false;
  if (run.leaderHoldOff !== undefined && run.leaderHoldOff.leaderNext === gate.leaderNext) return false;
  run.leaderHoldOff = undefined;
  run.leaderHold ??= { timeMs, topics: new Set(), deadlineMs: performance.now() + ctx.tuning.clockLeaderHoldMaxMs };
  const hold = run.leaderHold;
  hold.timeMs = Math.min(hold.timeMs, timeMs);
  if (!hold.topics.has(topic)) {
    hold.topics.add(topic);
    ctx.consumer?.pause([{ topic, partitions: [run.partition] }]);
    ctx.metrics.clockLeaderHolds.inc({ topic });
  }
  return true;
}

/** Ends the partition's hold when the leader has reached the held records, or when the hold is past its deadline. */
export function releaseLeaderHold<S>(ctx: RuntimeContext<S>, run: PartitionRun<S>): void {
  const hold = run.leaderHold;
  if (hold === undefined) return;
  const reached = run.clockGate.leaderReached(hold.timeMs);
  if (!reached && performance.now() < hold.deadlineMs) return;
  run.leaderHold = undefined;
  if (!reached) {
    run.leaderHoldOff = { leaderNext: run.clockGate.leaderNext };
    ctx.metrics.clockLeaderHoldsExpired.inc();
    ctx.logger.warn(
      { partition: run.partition, clockLeaderGroup: ctx.clockLeaderGroup, heldFromMs: hold.timeMs, topics: [...hold.topics] },
      `the clock leader did not reach the held records within ${ctx.tuning.clockLeaderHoldMaxMs} ms; they go on without it until its commits move`,
    );
  }
  // Paused for the table inputs as well: their catch-up resumes every stream input when it ends.
  if (run.revoked || run.status === 'failed' || run.tablesBehind.size > 0) return;
  ctx.consumer?.resume([...hold.topics].map((topic) => ({ topic, partitions: [run.partition] })));
}
