import { type AnyProcessor, createLocalTopology, type EmittedOutput, type LocalRecord, type LocalTopology } from '@churnwatch/stream-runtime';
import { ReplayEngineError } from '../errors.ts';
import { orderOutputs } from './output-order.ts';

export interface ReplayEngineOptions {
  /** The processors to run, in the order the services' topology lists them (it breaks timer ties). */
  readonly processors: readonly AnyProcessor[];
  /** Partitions to simulate (default 1); the outputs do not depend on it. */
  readonly partitions?: number;
  /** Logical outputs handed back (e.g. `alerts`, `customerHealth`); internal ones such as `signals` are not kept. */
  readonly outputs: readonly string[];
}

/**
 * Drives the local topology (the live task engine) over records in file order with ONE stream
 * time for every processor and partition. Live, stream time is per partition, so which customers
 * share a partition decides when a late or final event's timers fire; here, before each record,
 * every partition moves to the highest event time seen so far (never backwards), which fires
 * every due timer, including one a previous record set for "now". Each customer's own sequence of
 * records and timer firings is then the same for any number of partitions.
 *
 * Outputs are released one step at a time: a step is the records at one stream time plus the
 * timers up to the next stream time. Within a step they are ordered by `compareOutputs`, so the
 * released sequence is identical for any partitioning and for any order of customers within
 * one instant. Pure (no clock, no I/O); memory holds state and one step's outputs.
 */
export interface ReplayEngine {
  /** Replays one record; returns the outputs of the steps it closed. */
  feed(record: LocalRecord): EmittedOutput[];
  /** Moves stream time to `endMs` (when later than the stream time) and returns every output not yet released. */
  finish(endMs?: number): EmittedOutput[];
  /** The common stream time: the highest event time fed (or finished at); −Infinity before any. */
  readonly streamTimeMs: number;
  /** Records whose event time was behind the stream time (processed as live late events). */
  readonly lateRecords: number;
}

/**
 * The local topology remembers every output for tests; a replay of millions of events must not.
 * It hands out that same list, so emptying it after each step frees the outputs. Should it ever
 * hand out a copy instead, memory would grow with the history: that fails loudly here.
 */
function forgetRetained(topology: LocalTopology): void {
  (topology.outputs as EmittedOutput[]).length = 0;
  if (topology.outputs.length !== 0) throw new ReplayEngineError('the local topology no longer lets a replay drop the outputs it keeps');
}

export function createReplayEngine(options: ReplayEngineOptions): ReplayEngine {
  const topology = createLocalTopology({ processors: options.processors, partitions: options.partitions ?? 1 });
  const wanted = new Set(options.outputs);
  let streamTimeMs = Number.NEGATIVE_INFINITY;
  let lateRecords = 0;
  let step: EmittedOutput[] = [];

  const keep = (outputs: readonly EmittedOutput[]): void => {
    for (const output of outputs) if (wanted.has(output.output)) step.push(output);
    forgetRetained(topology);
  };
  const release = (): EmittedOutput[] => {
    const done = orderOutputs(step);
    step = [];
    return done;
  };
  const advanceTo = (targetMs: number): EmittedOutput[] => {
    // Also when time does not move: fires timers the previous record set at or before now.
    keep(topology.advanceStreamTime(Math.max(targetMs, streamTimeMs)));
    if (targetMs <= streamTimeMs) return [];
    streamTimeMs = targetMs;
    return release();
  };

  return {
    feed(record) {
      if (record.eventTimeMs < streamTimeMs) lateRecords++;
      const released = advanceTo(record.eventTimeMs);
      keep(topology.push(record));
      return released;
    },
    finish(endMs) {
      const released = advanceTo(endMs ?? streamTimeMs);
      return released.concat(release());
    },
    get streamTimeMs() {
      return streamTimeMs;
    },
    get lateRecords() {
      return lateRecords;
    },
  };
}
