import { type AnyProcessor, createLocalTopology, type EmittedOutput, type LocalRecord } from '@churnwatch/stream-runtime';

/**
 * Drives detection processors in tests on the runtime's local topology (its real task engine:
 * timer order, duplicate window), wired by logical names. Both clocks follow the records: before a
 * record, wall-clock timers due by its event time fire, as they would live; `advanceTo` moves
 * stream time and fires every due timer.
 */
export type FedRecord = LocalRecord;

export function createDriver(processors: readonly AnyProcessor[]) {
  const topology = createLocalTopology({ processors });
  return {
    send(record: FedRecord): void {
      topology.advanceWallClock(record.eventTimeMs);
      topology.push(record);
    },
    advanceTo(timeMs: number): void {
      topology.advanceStreamTime(timeMs);
    },
    stateOf<S>(processor: string, key: string): S | undefined {
      return topology.state<S>(processor, key);
    },
    timersOf(processor: string, key: string) {
      return topology.timers(processor, key);
    },
    outputsTo(output: string): EmittedOutput[] {
      return topology.outputs.filter((emitted) => emitted.output === output);
    },
  };
}
