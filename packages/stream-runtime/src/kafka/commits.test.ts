import { describe, expect, test } from 'vitest';
import { commit, commitDue, type OffsetCommitter } from './commits.ts';
import type { CommitOffsets } from './delivery.ts';
import type { PartitionRun } from './partition-run.ts';
import type { RuntimeContext } from './runtime-context.ts';

/**
 * Just enough of a partition with work to commit, and a context whose delivery records what it is
 * handed; `beforeOffsets` runs where an at-least-once delivery has written the changelog (without
 * it, the delivery fails there).
 */
function fixture(mode: 'at-least-once' | 'exactly-once', joined: boolean, beforeOffsets?: () => void, membershipHeld = true) {
  const delivered: unknown[] = [];
  const withheld: number[] = [];
  const commitDurations: { labels: Record<string, string>; seconds: number }[] = [];
  const ctx = {
    joined,
    membership: { sinceConfirmedMs: 5_500 },
    mayWrite: () => {
      if (!membershipHeld) withheld.push(1);
      return membershipHeld;
    },
    applicationId: 'app',
    changelogTopic: 'app-changelog',
    delivery: {
      mode,
      deliver: async (_partition: number, chunk: { offsets?: CommitOffsets }, commitOffsets: OffsetCommitter) => {
        delivered.push(chunk);
        if (beforeOffsets === undefined) throw new Error('stop here');
        beforeOffsets();
        if (chunk.offsets) await commitOffsets(chunk.offsets);
      },
    },
    metrics: {
      deliveryFailures: { inc: () => {} },
      transactionsAborted: { inc: () => {} },
      transactionsCommitted: { inc: () => {} },
      commitDuration: { observe: (labels: Record<string, string>, seconds: number) => commitDurations.push({ labels, seconds }) },
      latency: { observe: () => {} },
      outputs: { inc: () => {} },
      deadLetters: { inc: () => {} },
      timersFired: { inc: () => {} },
    },
    logger: { warn: () => {}, debug: () => {} },
    touch: () => {},
    restarts: { progress: () => {} },
    options: {},
  } as unknown as RuntimeContext<unknown>;
  const run = {
    partition: 0,
    revoked: false,
    hasUncommittedWork: true,
    pendingOffsets: new Map([['events', '5']]),
    startOffsets: new Map(),
    pending: {
      build: (_partition: number, _topic: string, _changes: unknown, offsets: CommitOffsets) => ({ outputs: [], changelog: [], offsets }),
      outgoing: { countsByTopic: () => [] },
      outputs: [],
      deadLetterReasons: [],
      timersFired: { stream: 0, wall: 0 },
    },
    task: { changes: () => ({ entries: [] }), commit: () => {} },
    resetOutputs: () => {},
  } as unknown as PartitionRun<unknown>;
  return { ctx, run, delivered, withheld, commitDurations };
}

test('at least once, nothing is committed while the consumer is out of its group: kafkajs would drop the offsets silently', async () => {
  const { ctx, run, delivered } = fixture('at-least-once', false);
  await commit(ctx, run, async () => {});
  expect(delivered).toHaveLength(0);
  expect(run.pendingOffsets.get('events')).toBe('5');
});

test('at least once, nothing is written while a heartbeat is overdue: the group may have given the partition away', async () => {
  const { ctx, run, delivered, withheld } = fixture('at-least-once', true, () => {}, false);
  await commit(ctx, run, async () => {});
  expect(delivered).toHaveLength(0);
  expect(withheld).toHaveLength(1);
  expect(run.pendingOffsets.get('events')).toBe('5');
  // Exactly once, the transactional id fences a former owner instead: the commit goes ahead.
  const fenced = fixture('exactly-once', true, () => {}, false);
  await commit(fenced.ctx, fenced.run, async () => {});
  expect(fenced.delivered).toHaveLength(1);
  expect(fenced.withheld).toHaveLength(0);
});

test('in the group, or exactly once (offsets go in the transaction), the commit goes ahead', async () => {
  for (const [mode, joined] of [
    ['at-least-once', true],
    ['exactly-once', false],
  ] as const) {
    const { ctx, run, delivered } = fixture(mode, joined);
    await expect(commit(ctx, run, async () => {})).rejects.toThrow('stop here');
    expect(delivered).toHaveLength(1);
  }
});

test('offsets of a run revoked while its changelog was being written are not committed: the new owner may have committed further', async () => {
  const committed: CommitOffsets[] = [];
  const commitOffsets: OffsetCommitter = async (offsets) => {
    committed.push(offsets);
  };
  const owned = fixture('at-least-once', true, () => {});
  await commit(owned.ctx, owned.run, commitOffsets);
  expect(committed).toHaveLength(1);

  const revoked = fixture('at-least-once', true, () => {
    revoked.run.revoked = true;
  });
  await commit(revoked.ctx, revoked.run, commitOffsets);
  expect(revoked.delivered).toHaveLength(1);
  expect(committed).toHaveLength(1);

  // Revoked before the commit began: nothing is written at all.
  const before = fixture('at-least-once', true, () => {});
  before.run.revoked = true;
  await commit(before.ctx, before.run, commitOffsets);
  expect(before.delivered).toHaveLength(0);
});

test('the changelog names every input the state has taken up, not only those read since the last commit: compaction keeps only the latest', async () => {
  const { ctx, run } = fixture('at-least-once', true, () => {});
  run.startOffsets.set('orders', '3');
  run.startOffsets.set('events', '2');
  run.startOffsets.set('never-read', undefined);
  let takenUp: ReadonlyMap<string, string> | undefined;
  const build = run.pending.build.bind(run.pending);
  run.pending.build = (partition, topic, changes, offsets, taken) => {
    takenUp = taken;
    return build(partition, topic, changes, offsets, taken);
  };
  await commit(ctx, run, async () => {});
  expect(takenUp).toEqual(
    new Map([
      ['orders', '3'],
      ['events', '5'],
    ]),
  );
});

test('each commit written is timed by delivery mode; a failed one is not', async () => {
  const written = fixture('exactly-once', true, () => {});
  await commit(written.ctx, written.run, async () => {});
  expect(written.commitDurations).toHaveLength(1);
  expect(written.commitDurations[0]?.labels).toEqual({ delivery: 'exactly-once' });
  expect(written.commitDurations[0]?.seconds).toBeGreaterThanOrEqual(0);
  const failed = fixture('at-least-once', true);
  await expect(commit(failed.ctx, failed.run, async () => {})).rejects.toThrow('stop here');
  expect(failed.commitDurations).toHaveLength(0);
});

describe('commitDue', () => {
  const ctxOf = (mode: 'at-least-once' | 'exactly-once') =>
    ({ delivery: { mode }, commitIntervalMs: 100, caughtUpCommitMs: 20, tuning: { maxDirtyKeys: 1_000 } }) as unknown as RuntimeContext<unknown>;
  const runOf = (caughtUp: boolean, outputs: number) =>
    ({
      hasUncommittedWork: true,
      lastCommitAtMs: 1_000,
      caughtUp,
      pending: { outputs: new Array(outputs) },
      task: { pendingKeys: 1 },
    }) as unknown as PartitionRun<unknown>;

  test('exactly once, outputs of a partition that has caught up go after caughtUpCommitMs', () => {
    expect(commitDue(ctxOf('exactly-once'), runOf(true, 1), 1_019)).toBe(false);
    expect(commitDue(ctxOf('exactly-once'), runOf(true, 1), 1_020)).toBe(true);
  });

  test('otherwise the commit interval decides', () => {
    // Behind its input: a backlog commits no more often than before.
    expect(commitDue(ctxOf('exactly-once'), runOf(false, 1), 1_099)).toBe(false);
    // Nothing for a reader yet: state and offsets can wait.
    expect(commitDue(ctxOf('exactly-once'), runOf(true, 0), 1_099)).toBe(false);
    // At least once, outputs are sent before the commit anyway.
    expect(commitDue(ctxOf('at-least-once'), runOf(true, 1), 1_099)).toBe(false);
    expect(commitDue(ctxOf('exactly-once'), runOf(false, 1), 1_100)).toBe(true);
  });
});
