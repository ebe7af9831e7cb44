import { describe, expect, test } from 'vitest';
import { type CounterState, counterProcessor } from '../../test/fixtures/counter-processor.ts';
import type { StoreEntry } from '../core/store-entry.ts';
import { StreamTask } from '../core/stream-task.ts';
import { createMemoryStore } from '../store/key-value-store.ts';
import { PartitionRun } from './partition-run.ts';

function partitionRun(): PartitionRun<CounterState> {
  const processor = counterProcessor({ silenceAfterMs: 100, silenceClock: 'stream' });
  const task = new StreamTask({ processor, store: createMemoryStore<StoreEntry<CounterState>>(), maxRecentEventIds: 4 });
  return new PartitionRun(0, task, new Map(), 'dead-letters', { behindMs: 1000, idleMs: 1000 });
}

describe('PartitionRun.forgetUncommitted', () => {
  test('forgets the offsets of work taken up since the last commit', () => {
    const run = partitionRun();
    run.startOffsets.set('events', '120');
    run.pendingOffsets.set('events', '125');
    run.forgetUncommitted();
    expect(run.pendingOffsets.size).toBe(0);
    expect(run.hasUncommittedWork).toBe(false);
  });

  test('keeps an offset the restored changelog had already got to: the group has still to be told', () => {
    // As after a restore whose changelog went past the group's offset (120): reading starts at 121, and 121 is to be committed.
    const run = partitionRun();
    run.startOffsets.set('purchases', '121');
    run.pendingOffsets.set('purchases', '121');
    run.startOffsets.set('events', '40');
    run.pendingOffsets.set('events', '44');
    run.forgetUncommitted();
    expect([...run.pendingOffsets]).toEqual([['purchases', '121']]);
    expect(run.hasUncommittedWork).toBe(true);
  });
});
