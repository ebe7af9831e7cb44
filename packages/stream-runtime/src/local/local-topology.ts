import { partitionForKey } from '../core/partition-for-key.ts';
import type { StoredTimer } from '../core/store-entry.ts';
import { StreamTask } from '../core/stream-task.ts';
import { defaultMaxRecentEventIds } from '../defaults.ts';
import { TopologyError } from '../errors.ts';
import type { OutputRecord, Processor } from '../processor.ts';
import { memoryStores, type StoreFactory } from '../store/key-value-store.ts';

/** One input record of a local run, as a replay file or a test provides it. */
export interface LocalRecord {
  /** Logical input name (e.g. `usage`). */
  readonly input: string;
  readonly key: string;
  /** The decoded, validated value. */
  readonly value: unknown;
  readonly eventTimeMs: number;
  readonly eventId?: string;
}

/** An output with the processor that emitted it. */
export type EmittedOutput = OutputRecord & { readonly processor: string };

// biome-ignore lint/suspicious/noExplicitAny: processors of any state and event type are wired together.
export type AnyProcessor = Processor<any, any>;

export interface LocalTopologyOptions {
  /** Wired by name: an output named `signals` feeds every processor that lists `signals` among its inputs. */
  readonly processors: readonly AnyProcessor[];
  /**
   * Partitions to simulate (default 1). Keys go to partitions as Kafka's default partitioner puts
   * them, and stream time is kept per partition, as live.
   */
  readonly partitions?: number;
  readonly maxRecentEventIds?: number;
  readonly stores?: StoreFactory;
}

/**
 * Runs processors entirely in memory over records given in order, with the same task engine as
 * the live runtime. Every call returns the outputs it caused, in a deterministic order: a
 * processor's outputs in emission order, each followed at once by what it caused downstream.
 * There is no wall clock: `advanceStreamTime` fires timers of both clocks, `advanceWallClock`
 * only wall-clock ones (for tests of live behaviour).
 */
export interface LocalTopology {
  /** Logical inputs read from outside (not produced by a processor of the topology). */
  readonly externalInputs: ReadonlySet<string>;
  /** Feeds one record to every processor that reads its input; records for inputs nobody reads are ignored. */
  push(record: LocalRecord): EmittedOutput[];
  /** Moves stream time of every processor and partition to `ms`, firing due timers in time order. */
  advanceStreamTime(ms: number): EmittedOutput[];
  /** Fires wall-clock timers due at or before `ms` without moving stream time. */
  advanceWallClock(ms: number): EmittedOutput[];
  state<S = unknown>(processor: string, key: string): S | undefined;
  timers(processor: string, key: string): readonly StoredTimer[];
  streamTimeMs(processor: string, partition?: number): number;
  /** Every output emitted so far, in order. */
  readonly outputs: readonly EmittedOutput[];
}

interface Node {
  readonly processor: AnyProcessor;
  readonly index: number;
  readonly tasks: readonly StreamTask<unknown>[];
}

function checkAcyclic(processors: readonly AnyProcessor[]): void {
  const readers = new Map<string, AnyProcessor[]>();
  for (const p of processors) for (const input of p.inputs) readers.set(input, [...(readers.get(input) ?? []), p]);
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (p: AnyProcessor, path: string[]): void => {
    if (done.has(p.name)) return;
    if (visiting.has(p.name)) throw new TopologyError(`the topology has a cycle: ${[...path, p.name].join(' → ')}`);
    visiting.add(p.name);
    for (const output of p.outputs) for (const next of readers.get(output) ?? []) visit(next, [...path, p.name]);
    visiting.delete(p.name);
    done.add(p.name);
  };
  for (const p of processors) visit(p, []);
}

export function createLocalTopology(options: LocalTopologyOptions): LocalTopology {
  const partitions = options.partitions ?? 1;
  if (!Number.isInteger(partitions) || partitions < 1) throw new TopologyError(`partitions must be a positive integer, got ${partitions}`);
  const names = options.processors.map((p) => p.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new TopologyError(`two processors are named "${duplicate}"`);
  checkAcyclic(options.processors);
  const stores = options.stores ?? memoryStores;
  const nodes: Node[] = options.processors.map((processor, index) => ({
    processor,
    index,
    tasks: Array.from(
      { length: partitions },
      (_, partition) =>
        new StreamTask<unknown>({
          processor,
          store: stores(`${processor.name}-${partition}`),
          maxRecentEventIds: options.maxRecentEventIds ?? defaultMaxRecentEventIds,
        }),
    ),
  }));
  const byName = new Map(nodes.map((node) => [node.processor.name, node]));
  const readers = new Map<string, Node[]>();
  for (const node of nodes) for (const input of node.processor.inputs) readers.set(input, [...(readers.get(input) ?? []), node]);
  const produced = new Set(options.processors.flatMap((p) => p.outputs));
  const externalInputs = new Set(options.processors.flatMap((p) => p.inputs).filter((input) => !produced.has(input)));
  const all: EmittedOutput[] = [];

  const nodeNamed = (name: string): Node => {
    const node = byName.get(name);
    if (!node) throw new TopologyError(`no processor named "${name}" (have: ${names.join(', ')})`);
    return node;
  };
  const taskFor = (node: Node, key: string) => node.tasks[partitionForKey(key, partitions)]!;

  const emit = (node: Node, outputs: readonly OutputRecord[], sink: EmittedOutput[]): void => {
    for (const output of outputs) {
      const emitted: EmittedOutput = { ...output, processor: node.processor.name };
      sink.push(emitted);
      all.push(emitted);
      for (const reader of readers.get(output.output) ?? []) {
        deliver(reader, { input: output.output, key: output.key, value: output.value, eventTimeMs: output.eventTimeMs, eventId: output.id }, sink);
      }
    }
  };

  const deliver = (node: Node, record: LocalRecord, sink: EmittedOutput[]): void => {
    const task = taskFor(node, record.key);
    const { outputs } = task.process(record);
    task.commit();
    emit(node, outputs, sink);
  };

  /** Fires one due timer at a time across all tasks, earliest first (ties: processor order, partition). */
  const fireUntil = (limitMs: number, clock: 'any' | 'wall'): EmittedOutput[] => {
    const sink: EmittedOutput[] = [];
    for (;;) {
      let best: { node: Node; task: StreamTask<unknown>; atMs: number } | undefined;
      for (const node of nodes) {
        for (const task of node.tasks) {
          const notAfterMs = best === undefined ? limitMs : best.atMs;
          const atMs = clock === 'wall' ? task.nextWallTimerAtMs(notAfterMs) : task.nextTimerAtMs(notAfterMs);
          if (atMs !== undefined && (best === undefined || atMs < best.atMs)) best = { node, task, atMs };
        }
      }
      if (!best) break;
      const outcome = clock === 'wall' ? best.task.fireWallTimers(limitMs, 1) : best.task.advanceStreamTime(best.atMs, 1);
      best.task.commit();
      emit(best.node, outcome.outputs, sink);
    }
    if (clock === 'any') {
      for (const node of nodes) {
        for (const task of node.tasks) {
          if (task.streamTimeMs >= limitMs) continue;
          task.advanceStreamTime(limitMs);
          task.commit();
        }
      }
    }
    return sink;
  };

  return {
    externalInputs,
    push(record) {
      const sink: EmittedOutput[] = [];
      for (const node of readers.get(record.input) ?? []) deliver(node, record, sink);
      return sink;
    },
    advanceStreamTime: (ms) => fireUntil(ms, 'any'),
    advanceWallClock: (ms) => fireUntil(ms, 'wall'),
    state: <S>(processor: string, key: string) => {
      const node = nodeNamed(processor);
      return taskFor(node, key).entry(key)?.state as S | undefined;
    },
    timers: (processor, key) => {
      const node = nodeNamed(processor);
      return taskFor(node, key).entry(key)?.timers ?? [];
    },
    streamTimeMs: (processor, partition = 0) => {
      const task = nodeNamed(processor).tasks[partition];
      if (!task) throw new TopologyError(`processor "${processor}" has no partition ${partition} (partitions: ${partitions})`);
      return task.streamTimeMs;
    },
    get outputs() {
      return all;
    },
  };
}

/** Replays records in order and, when `untilMs` is given, moves stream time there at the end. Returns every output. */
export function replay(options: LocalTopologyOptions & { readonly records: Iterable<LocalRecord>; readonly untilMs?: number }): EmittedOutput[] {
  const topology = createLocalTopology(options);
  for (const record of options.records) topology.push(record);
  if (options.untilMs !== undefined) topology.advanceStreamTime(options.untilMs);
  return [...topology.outputs];
}
