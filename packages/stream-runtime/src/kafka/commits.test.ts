import { expect, test } from 'vitest';
import { commit } from './commits.ts';
import type { PartitionRun } from './partition-run.ts';
import type { RuntimeContext } from './runtime-context.ts';

/** Just enough of a partition with work to commit, and a context whose delivery records what it is handed. */
function fixture(mode: 'at-least-once' | 'exactly-once', joined: boolean) {
  const delivered: unknown[] = [];
  const ctx = {
    joined,
    applicationId: 'app',
    changelogTopic: 'app-changelog',
    delivery: {
      mode,
      deliver: async (_partition: number, chunk: unknown) => {
        delivered.push(chunk);
        throw new Error('stop here');
      },
    },
    metrics: { deliveryFailures: { inc: () => {} }, transactionsAborted: { inc: () => {} } },
  } as unknown as RuntimeContext<unknown>;
  const run = {
    partition: 0,
    hasUncommittedWork: true,
    pendingOffsets: new Map([['events', '5']]),
    pending: { build: () => ({ outputs: [], changelog: [] }) },
    task: { changes: () => ({ entries: [] }) },
  } as unknown as PartitionRun<unknown>;
  return { ctx, run, delivered };
}

test('at least once, nothing is committed while the consumer is out of its group: kafkajs would drop the offsets silently', async () => {
  const { ctx, run, delivered } = fixture('at-least-once', false);
  await commit(ctx, run, async () => {});
  expect(delivered).toHaveLength(0);
  expect(run.pendingOffsets.get('events')).toBe('5');
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
