import type { StoredTimer } from '../core/store-entry.ts';
import { StreamTask } from '../core/stream-task.ts';
import { defaultMaxRecentEventIds } from '../defaults.ts';
import type { OutputRecord, Processor } from '../processor.ts';
import { createMemoryStore } from '../store/key-value-store.ts';

export interface TestRecord<E> {
  /** Logical input; the processor's first input when omitted. */
  readonly input?: string;
  readonly key: string;
  readonly value: E;
  readonly eventTimeMs: number;
  readonly eventId?: string;
}

/**
 * Drives one processor by hand, without Kafka (compare Kafka Streams' TopologyTestDriver): pipe
 * records, move stream time or the wall clock to a chosen moment to fire timers, inspect state.
 * It runs the runtime's own task engine, so timer order and duplicate handling are the real ones.
 */
export interface ProcessorTestDriver<S, E> {
  pipe(record: TestRecord<E>): OutputRecord[];
  /** Fires timers of both clocks due at or before `ms`, in time order, and sets stream time to `ms`. */
  advanceStreamTime(ms: number): OutputRecord[];
  /** Fires wall-clock timers due at or before `ms`, as the live runtime's wall-clock check would. */
  advanceWallClock(ms: number): OutputRecord[];
  state(key: string): S | undefined;
  timers(key: string): readonly StoredTimer[];
  /** Arranges a key's state before a test (its timers and duplicate window are kept). */
  setState(key: string, state: S | undefined): void;
  readonly streamTimeMs: number;
  /** Records skipped because their event id was already seen for the key. */
  readonly duplicatesSkipped: number;
}

export function createProcessorTestDriver<S, E>(processor: Processor<S, E>, options: { maxRecentEventIds?: number } = {}): ProcessorTestDriver<S, E> {
  const task = new StreamTask<S, E>({
    processor,
    store: createMemoryStore(),
    maxRecentEventIds: options.maxRecentEventIds ?? defaultMaxRecentEventIds,
  });
  let duplicates = 0;
  const settle = (outputs: readonly OutputRecord[]): OutputRecord[] => {
    task.commit();
    return [...outputs];
  };
  return {
    pipe(record) {
      const input = record.input ?? processor.inputs[0];
      if (input === undefined) throw new Error(`processor "${processor.name}" declares no inputs`);
      const outcome = task.process({ ...record, input });
      if (outcome.duplicate) duplicates++;
      return settle(outcome.outputs);
    },
    advanceStreamTime: (ms) => settle(task.advanceStreamTime(ms).outputs),
    advanceWallClock: (ms) => settle(task.fireWallTimers(ms).outputs),
    state: (key) => task.entry(key)?.state,
    timers: (key) => task.entry(key)?.timers ?? [],
    setState(key, state) {
      const entry = task.entry(key);
      task.load(key, { state, timers: entry?.timers ?? [], recentEventHashes: entry?.recentEventHashes ?? [] });
    },
    get streamTimeMs() {
      return task.streamTimeMs;
    },
    get duplicatesSkipped() {
      return duplicates;
    },
  };
}
