import { describe, expect, test } from 'vitest';
import { counterProcessor } from '../../test/fixtures/counter-processor.ts';
import { ProcessorError } from '../errors.ts';
import type { Processor } from '../processor.ts';
import { createMemoryStore } from '../store/key-value-store.ts';
import { eventIdHash } from './event-id-hash.ts';
import { StreamTask } from './stream-task.ts';

function counterTask(maxRecentEventIds = 4, silenceClock: 'stream' | 'wall' = 'stream') {
  return new StreamTask({ processor: counterProcessor({ silenceAfterMs: 100, silenceClock }), store: createMemoryStore<never>(), maxRecentEventIds });
}
const event = (key: string, eventTimeMs: number, eventId?: string) => ({ input: 'events', key, value: { amount: 1 }, eventTimeMs, eventId });

describe('StreamTask', () => {
  test('timers due up to a later record fire first, in (time, key, name) order, then the record', () => {
    const task = counterTask();
    task.process(event('b', 0));
    task.process(event('a', 0));
    task.process(event('c', 50));
    const { outputs } = task.process(event('z', 500));
    expect(outputs.map((o) => o.id)).toEqual(['a:silence:100', 'b:silence:100', 'c:silence:150', 'z:count:1']);
    expect(task.streamTimeMs).toBe(500);
  });

  test('wall-clock timers moved by every record under stream time alone (a replay) keep the heaps bounded', () => {
    const task = counterTask(0, 'wall');
    for (let i = 0; i < 20_000; i++) {
      task.process(event(`k${i % 3}`, i));
      task.commit();
    }
    // Three keys, one silence timer each; every record moved one, leaving a stale reference behind.
    expect(task.heldTimerReferences).toBeLessThanOrEqual(2 * 3 + 3 + 64 + 1);
  });

  test('a late record leaves stream time where it is and sees it as streamTimeMs', () => {
    const seen: number[] = [];
    const processor: Processor<number, unknown> = {
      name: 'p',
      inputs: ['in'],
      outputs: [],
      process: (state, record) => {
        seen.push(record.streamTimeMs);
        return { state: (state ?? 0) + 1 };
      },
      onTimer: (state) => ({ state }),
    };
    const task = new StreamTask({ processor, store: createMemoryStore<never>(), maxRecentEventIds: 0 });
    task.process({ input: 'in', key: 'k', value: null, eventTimeMs: 1000 });
    task.process({ input: 'in', key: 'k', value: null, eventTimeMs: 400 });
    expect(seen).toEqual([1000, 1000]);
    expect(task.streamTimeMs).toBe(1000);
  });

  test('a table input updates state without moving stream time or firing timers', () => {
    const counter = counterProcessor({ silenceAfterMs: 100, silenceClock: 'stream' });
    const processor: Processor<unknown, unknown> = { ...counter, inputs: ['events', 'profiles'], tableInputs: ['profiles'] } as Processor<unknown, unknown>;
    const task = new StreamTask({ processor, store: createMemoryStore<never>(), maxRecentEventIds: 0 });
    task.process(event('a', 0));
    // A profile row changed much later: the silence of a (due at 100) must wait for the events.
    const row = task.process({ input: 'profiles', key: 'b', value: { amount: 0 }, eventTimeMs: 10_000 });
    expect(row.outputs.map((o) => o.id)).toEqual(['b:count:1']);
    expect(task.streamTimeMs).toBe(0);
    expect(task.process(event('a', 50)).outputs.map((o) => o.id)).toEqual(['a:count:2']);
  });

  test('a repeated event id within the window is skipped; one that left the window is processed', () => {
    const task = counterTask(2);
    expect(task.process(event('k', 1, 'e1')).duplicate).toBe(false);
    expect(task.process(event('k', 2, 'e1')).duplicate).toBe(true);
    task.process(event('k', 3, 'e2'));
    task.process(event('k', 4, 'e3'));
    expect(task.entry('k')?.recentEventHashes).toEqual([eventIdHash('e2'), eventIdHash('e3')]);
    expect(task.process(event('k', 5, 'e1')).duplicate).toBe(false);
    expect(task.entry('k')?.state).toMatchObject({ count: 4 });
  });

  test('rollback forgets state, stream time and firings since the last commit', () => {
    const task = counterTask();
    task.process(event('k', 0));
    task.commit();
    const fired = task.process(event('other', 1000));
    expect(fired.outputs.map((o) => o.id)).toEqual(['k:silence:100', 'other:count:1']);
    task.rollback();
    expect(task.streamTimeMs).toBe(0);
    expect(task.entry('other')).toBeUndefined();
    expect(task.entry('k')?.timers).toEqual([{ name: 'silence', atMs: 100, clock: 'stream' }]);
    // The timer that fired in the rolled-back work fires again.
    expect(task.advanceStreamTime(200).outputs.map((o) => o.id)).toEqual(['k:silence:100']);
  });

  test('bounded firing stops after maxFirings without moving stream time, and continues where it stopped', () => {
    const task = counterTask();
    for (const key of ['a', 'b', 'c']) task.process(event(key, 0));
    const first = task.advanceStreamTime(1000, 2);
    expect(first).toMatchObject({ fired: 2, done: false });
    expect(task.streamTimeMs).toBe(0);
    const rest = task.advanceStreamTime(1000, 2);
    expect(rest).toMatchObject({ fired: 1, done: true });
    expect([...first.outputs, ...rest.outputs].map((o) => o.id)).toEqual(['a:silence:100', 'b:silence:100', 'c:silence:100']);
    expect(task.streamTimeMs).toBe(1000);
  });

  test('the wall clock fires wall timers only; stream time fires both', () => {
    const wall = counterTask(4, 'wall');
    wall.process(event('k', 0));
    expect(wall.fireWallTimers(99).outputs).toEqual([]);
    expect(wall.fireWallTimers(100).outputs.map((o) => o.id)).toEqual(['k:silence:100']);
    expect(wall.streamTimeMs).toBe(0);

    const stream = counterTask(4, 'stream');
    stream.process(event('k', 0));
    expect(stream.fireWallTimers(10_000).outputs).toEqual([]);
    expect(stream.advanceStreamTime(100).outputs.map((o) => o.id)).toEqual(['k:silence:100']);
  });

  test('a moved timer fires at its new time only', () => {
    const task = counterTask();
    task.process(event('k', 0));
    task.process(event('k', 60));
    expect(task.advanceStreamTime(150).outputs).toEqual([]);
    expect(task.advanceStreamTime(160).outputs.map((o) => o.id)).toEqual(['k:silence:160']);
  });

  test('changes list touched entries and stream time; deleting state writes a tombstone', () => {
    const processor: Processor<string, string> = {
      name: 'p',
      inputs: ['in'],
      outputs: [],
      process: (_state, record) => ({ state: record.value === 'delete' ? undefined : record.value }),
      onTimer: (state) => ({ state }),
    };
    const task = new StreamTask({ processor, store: createMemoryStore<never>(), maxRecentEventIds: 4 });
    task.process({ input: 'in', key: 'a', value: 'x', eventTimeMs: 5 });
    task.commit();
    expect(task.changes()).toEqual({ entries: [], streamTimeMs: undefined });
    task.process({ input: 'in', key: 'a', value: 'delete', eventTimeMs: 7 });
    task.process({ input: 'in', key: 'b', value: 'y', eventTimeMs: 6 });
    expect(task.changes()).toEqual({
      entries: [
        ['a', undefined],
        ['b', { state: 'y', timers: [], recentEventHashes: [] }],
      ],
      streamTimeMs: 7,
    });
    task.commit();
    expect(task.store.size).toBe(1);
  });

  test('a throwing processor and an undeclared output are ProcessorErrors naming the processor and key', () => {
    const throwing: Processor<unknown, unknown> = {
      name: 'boom',
      inputs: ['in'],
      outputs: ['out'],
      process: () => {
        throw new Error('bad');
      },
      onTimer: (state) => ({ state }),
    };
    const task = new StreamTask({ processor: throwing, store: createMemoryStore<never>(), maxRecentEventIds: 0 });
    const thrown = (() => {
      try {
        task.process({ input: 'in', key: 'k', value: 1, eventTimeMs: 0 });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ProcessorError);
    expect((thrown as ProcessorError).context).toMatchObject({ processor: 'boom', key: 'k' });

    const undeclared = new StreamTask({
      processor: { ...throwing, process: (state) => ({ state, outputs: [{ output: 'elsewhere', key: 'k', value: 1, id: 'x', eventTimeMs: 0 }] }) },
      store: createMemoryStore<never>(),
      maxRecentEventIds: 0,
    });
    expect(() => undeclared.process({ input: 'in', key: 'k', value: 1, eventTimeMs: 0 })).toThrow(/undeclared output "elsewhere"/);
  });

  test('restored entries index their timers', () => {
    const task = counterTask();
    task.load('k', {
      state: { count: 1, total: 1, lastEventMs: 0, silences: 0 },
      timers: [{ name: 'silence', atMs: 100, clock: 'stream' }],
      recentEventHashes: [],
    });
    task.loadStreamTime(50);
    expect(task.nextTimerAtMs()).toBe(100);
    expect(task.advanceStreamTime(100).outputs.map((o) => o.id)).toEqual(['k:silence:100']);
  });

  test('between commits each changed key is held once: the changelog gets one record per key, whatever the number of updates', () => {
    const task = counterTask();
    for (let i = 0; i < 1_000; i++) task.process(event(`k${i % 3}`, i, `e${i}`));
    expect(task.pendingKeys).toBe(3);
    const { entries } = task.changes();
    expect(entries.map(([key]) => key).sort()).toEqual(['k0', 'k1', 'k2']);
    expect(entries.find(([key]) => key === 'k1')?.[1]?.state).toMatchObject({ count: 333 });
    task.commit();
    expect(task.pendingKeys).toBe(0);
    expect(task.changes().entries).toEqual([]);
  });
});
