import { ProcessorError } from '../errors.ts';
import type { FiredTimer, InputRecord, OutputRecord, Processor, ProcessorResult } from '../processor.ts';
import type { KeyValueStore } from '../store/key-value-store.ts';
import { eventIdHash } from './event-id-hash.ts';
import { applyResult, emptyEntry, isDeletable, rememberEventHash, type StoredTimer, type StoreEntry, withoutTimer } from './store-entry.ts';
import { TimerHeap, type TimerRef } from './timer-heap.ts';

/** A decoded input record as the task receives it (live from Kafka, or from a replay). */
export interface TaskRecord {
  readonly input: string;
  readonly key: string;
  readonly value: unknown;
  readonly eventTimeMs: number;
  /** Producer's event id; records with an id already in the key's window are skipped as duplicates. */
  readonly eventId?: string;
}

export interface ProcessOutcome {
  readonly outputs: readonly OutputRecord[];
  readonly duplicate: boolean;
}

const noFirings: FiringOutcome = { outputs: [], fired: 0, done: true };

export interface FiringOutcome {
  readonly outputs: readonly OutputRecord[];
  readonly fired: number;
  /** False when `maxFirings` stopped it before every due timer fired. */
  readonly done: boolean;
}

/** The uncommitted changes of a task: what the changelog must receive before they count. */
export interface TaskChanges<S> {
  /** `undefined` deletes the key (a changelog tombstone). */
  readonly entries: ReadonlyArray<readonly [string, StoreEntry<S> | undefined]>;
  /** Set when stream time moved. */
  readonly streamTimeMs: number | undefined;
}

export interface StreamTaskOptions<S, E> {
  readonly processor: Processor<S, E>;
  readonly store: KeyValueStore<StoreEntry<S>>;
  /** How many recent event ids per key are kept to recognise duplicates. */
  readonly maxRecentEventIds: number;
}

/**
 * The engine of one processor on one partition, shared by the live runtime and the local driver so
 * that they cannot drift: stream time, timer order, duplicate detection and the state entry.
 *
 * Changes go to an overlay first; `commit()` moves them into the store once the runtime has made
 * them durable, `rollback()` forgets them after a failed delivery. Time only comes in as arguments.
 */
export class StreamTask<S, E = unknown> {
  readonly processor: Processor<S, E>;
  readonly store: KeyValueStore<StoreEntry<S>>;
  private readonly maxRecentEventIds: number;
  private readonly declaredOutputs: ReadonlySet<string>;
  /** Inputs whose records do not move stream time: tables and held inputs. */
  private readonly timelessInputs: ReadonlySet<string>;
  private readonly pending = new Map<string, StoreEntry<S> | undefined>();
  /** Every timer (stream time fires both clocks), and wall timers alone (for the wall clock). */
  private readonly allTimers = new TimerHeap();
  private readonly wallTimers = new TimerHeap();
  private committedStreamTime = Number.NEGATIVE_INFINITY;
  private currentStreamTime = Number.NEGATIVE_INFINITY;
  private committedTimerCount = 0;
  private timerCount = 0;

  constructor(options: StreamTaskOptions<S, E>) {
    this.processor = options.processor;
    this.store = options.store;
    this.maxRecentEventIds = options.maxRecentEventIds;
    this.declaredOutputs = new Set(options.processor.outputs);
    this.timelessInputs = new Set([...(options.processor.tableInputs ?? []), ...(options.processor.heldInputs ?? [])]);
  }

  /** Highest event time seen (−Infinity before the first record). */
  get streamTimeMs(): number {
    return this.currentStreamTime;
  }

  get hasPendingChanges(): boolean {
    return this.pending.size > 0 || this.currentStreamTime !== this.committedStreamTime;
  }

  /** Keys changed since the last commit (the dirty-key cache). */
  get pendingKeys(): number {
    return this.pending.size;
  }

  /** Number of timers set across all keys, pending changes included. */
  get timersSet(): number {
    return this.timerCount;
  }

  /** The key's entry as the processor would see it now (pending changes included). */
  entry(key: string): StoreEntry<S> | undefined {
    const pending = this.pending.get(key);
    if (pending !== undefined) return pending;
    return this.pending.has(key) ? undefined : this.store.get(key);
  }

  /** Restore path: puts a committed entry straight into the store (no overlay; undefined deletes the key) and indexes its timers. */
  load(key: string, entry: StoreEntry<S> | undefined): void {
    this.loaded(key, entry?.timers ?? [], () => {
      if (entry === undefined || isDeletable(entry)) this.store.delete(key);
      else this.store.set(key, entry);
    });
  }

  /** Restore path, into a store that keeps entries serialised (KeyValueStore.setBytes): a changelog value and the timers read from it. */
  loadBytes(key: string, timers: readonly StoredTimer[], bytes: Buffer): void {
    this.loaded(key, timers, () => {
      if (this.store.setBytes === undefined) throw new TypeError('loadBytes needs a store that keeps entries as bytes');
      this.store.setBytes(key, timers, bytes);
    });
  }

  private loaded(key: string, timers: readonly StoredTimer[], change: () => void): void {
    // Read before the store changes: a packed entry reads its timers from bytes the store then frees.
    const previousTimers = this.store.peek(key)?.timers;
    change();
    const delta = timers.length - (previousTimers?.length ?? 0);
    this.committedTimerCount += delta;
    this.timerCount += delta;
    this.index(key, timers, previousTimers);
  }

  /** Restore path: the stream time the changelog recorded. */
  loadStreamTime(streamTimeMs: number): void {
    this.committedStreamTime = streamTimeMs;
    this.currentStreamTime = streamTimeMs;
  }

  /** Drops the pending overlay, state and timers (on revocation). */
  clear(): void {
    this.pending.clear();
    this.store.clear();
    this.allTimers.clear();
    this.wallTimers.clear();
    this.committedStreamTime = Number.NEGATIVE_INFINITY;
    this.currentStreamTime = Number.NEGATIVE_INFINITY;
    this.committedTimerCount = 0;
    this.timerCount = 0;
  }

  /**
   * Fires, in (time, key, name) order, every timer of either clock due at or before `targetMs`, then
   * sets stream time to `targetMs` if it is higher. Stops early after `maxFirings` (bounded work per
   * batch); stream time then stays where it was, so calling again continues exactly where it stopped.
   */
  advanceStreamTime(targetMs: number, maxFirings = Number.POSITIVE_INFINITY): FiringOutcome {
    const outcome = this.fireDue(this.allTimers, targetMs, false, maxFirings);
    if (outcome.done && targetMs > this.currentStreamTime) this.currentStreamTime = targetMs;
    return outcome;
  }

  /** Fires wall-clock timers due at or before `nowMs` (the wall clock), in order; stream time does not move. */
  fireWallTimers(nowMs: number, maxFirings = Number.POSITIVE_INFINITY): FiringOutcome {
    return this.fireDue(this.wallTimers, nowMs, true, maxFirings);
  }

  private fireDue(heap: TimerHeap, limitMs: number, wallOnly: boolean, maxFirings: number): FiringOutcome {
    const outputs: OutputRecord[] = [];
    let fired = 0;
    for (;;) {
      const due = this.nextDue(heap, limitMs, wallOnly);
      if (!due) return { outputs, fired, done: true };
      if (fired >= maxFirings) return { outputs, fired, done: false };
      this.fire(due, outputs);
      fired++;
    }
  }

  /** When the next timer of either clock is due, if any (at or before `notAfterMs`: later ones are not looked for). */
  nextTimerAtMs(notAfterMs = Number.POSITIVE_INFINITY): number | undefined {
    return this.nextDue(this.allTimers, notAfterMs, false)?.atMs;
  }

  /** When the next wall-clock timer is due, if any (at or before `notAfterMs`). */
  nextWallTimerAtMs(notAfterMs = Number.POSITIVE_INFINITY): number | undefined {
    return this.nextDue(this.wallTimers, notAfterMs, true)?.atMs;
  }

  /**
   * Whether records of `input` move stream time. A table's row carries when it was last changed (a
   * CRM update), not an event of the stream: it updates state without moving stream time. Read
   * from its own topic, a small table is fetched far ahead of the event topics, and its update
   * times would fire timers before the events that precede them. A held input's records wait for
   * the clock instead (Processor.heldInputs).
   */
  movesStreamTime(input: string): boolean {
    return !this.timelessInputs.has(input);
  }

  /**
   * Processes one record: timers due up to its event time fire first (see advanceStreamTime), then
   * the record, unless its event id is already in the key's window (a duplicate: skipped).
   */
  process(record: TaskRecord): ProcessOutcome {
    const advanced = this.movesStreamTime(record.input) ? this.advanceStreamTime(record.eventTimeMs) : noFirings;
    const current = this.entry(record.key);
    const entry = current ?? (emptyEntry as StoreEntry<S>);
    const hash = record.eventId === undefined ? undefined : eventIdHash(record.eventId);
    if (hash !== undefined && entry.recentEventHashes.includes(hash)) {
      return { outputs: advanced.outputs, duplicate: true };
    }
    const input: InputRecord<E> =
      record.eventId === undefined
        ? { key: record.key, input: record.input, value: record.value as E, eventTimeMs: record.eventTimeMs, streamTimeMs: this.currentStreamTime }
        : {
            key: record.key,
            input: record.input,
            value: record.value as E,
            eventTimeMs: record.eventTimeMs,
            streamTimeMs: this.currentStreamTime,
            eventId: record.eventId,
          };
    const result = this.call(() => this.processor.process(entry.state, input), { key: record.key, input: record.input });
    const next = applyResult(entry, result, rememberEventHash(entry.recentEventHashes, hash, this.maxRecentEventIds));
    this.put(record.key, next, current);
    const outputs = this.checkOutputs(result, record.key);
    return { outputs: advanced.outputs.length ? [...advanced.outputs, ...outputs] : outputs, duplicate: false };
  }

  changes(): TaskChanges<S> {
    return {
      entries: [...this.pending],
      streamTimeMs: this.currentStreamTime !== this.committedStreamTime ? this.currentStreamTime : undefined,
    };
  }

  /** References the larger timer heap holds, stale ones included: at most about twice the timers once committed. */
  get heldTimerReferences(): number {
    return Math.max(this.allTimers.size, this.wallTimers.size);
  }

  /** The pending changes are durable: they become the committed state. */
  commit(): void {
    this.committedStreamTime = this.currentStreamTime;
    // Nothing pending, nothing else to do: timers change only with entries. (Cheap, as a replay commits after every record.)
    if (this.pending.size === 0) return;
    for (const [key, entry] of this.pending) {
      if (entry === undefined) this.store.delete(key);
      else this.store.set(key, entry);
    }
    this.pending.clear();
    this.committedTimerCount = this.timerCount;
    // Moving a timer leaves its old reference behind in each heap it is in, to be dropped when it
    // comes to the top. Stream time drains the heap of all timers, but only a wall clock drains the
    // wall-clock heap, and a replay has none: judged by the first alone, the wall-clock heap of a
    // replayed year held a stale reference for nearly every usage event. A rebuild reads every
    // entry, so it waits until at least as many stale references as entries have gathered: the
    // cost per moved timer stays constant, and a small store does not carry a thousand of them.
    if (this.heldTimerReferences > 2 * this.timerCount + this.store.size + 64) this.reindex();
  }

  /** The pending changes were not made durable: back to the last committed state. */
  rollback(): void {
    const touched = [...this.pending.keys()];
    this.pending.clear();
    this.currentStreamTime = this.committedStreamTime;
    this.timerCount = this.committedTimerCount;
    // Timers that fired or moved during the failed work must be found again.
    for (const key of touched) {
      const entry = this.store.peek(key);
      if (entry) this.index(key, entry.timers, undefined);
    }
  }

  /** The key's timers now, read without decoding the rest of a serialised entry (most references the heaps drop are stale). */
  private timersOf(key: string): readonly StoredTimer[] | undefined {
    if (this.pending.has(key)) return this.pending.get(key)?.timers;
    return this.store.peek(key)?.timers;
  }

  private put(key: string, next: StoreEntry<S>, previous = this.entry(key)): void {
    this.pending.set(key, isDeletable(next) ? undefined : next);
    const previousTimers = previous?.timers;
    this.timerCount += next.timers.length - (previousTimers?.length ?? 0);
    this.index(key, next.timers, previousTimers);
  }

  /** Adds heap references for the key's `timers` that it did not have at the same time before. */
  private index(key: string, timers: readonly StoredTimer[], previousTimers: readonly StoredTimer[] | undefined): void {
    for (const timer of timers) {
      const before = previousTimers?.find((t) => t.name === timer.name);
      if (before && before.atMs === timer.atMs && before.clock === timer.clock) continue;
      const ref: TimerRef = { atMs: timer.atMs, key, name: timer.name };
      this.allTimers.push(ref);
      if (timer.clock === 'wall') this.wallTimers.push(ref);
    }
  }

  private reindex(): void {
    this.allTimers.clear();
    this.wallTimers.clear();
    for (const [key, entry] of this.store.entries()) this.index(key, entry.timers, undefined);
  }

  /** The first live reference due at or before `limitMs`, dropping stale ones on the way. */
  private nextDue(heap: TimerHeap, limitMs: number, wallOnly: boolean): TimerRef | undefined {
    for (;;) {
      const top = heap.peek();
      if (!top || top.atMs > limitMs) return undefined;
      const timer = this.timersOf(top.key)?.find((t) => t.name === top.name);
      if (timer && timer.atMs === top.atMs && (!wallOnly || timer.clock === 'wall')) return top;
      heap.pop();
    }
  }

  private fire(ref: TimerRef, outputs: OutputRecord[]): void {
    const entry = this.entry(ref.key)!;
    const timer = entry.timers.find((t) => t.name === ref.name)!;
    const base = withoutTimer(entry, ref.name);
    const fired: FiredTimer = { key: ref.key, name: ref.name, atMs: ref.atMs, clock: timer.clock };
    const result = this.call(() => this.processor.onTimer(base.state, fired), { key: ref.key, timer: ref.name, atMs: ref.atMs });
    this.put(ref.key, applyResult(base, result));
    for (const output of this.checkOutputs(result, ref.key)) outputs.push(output);
  }

  private call(run: () => ProcessorResult<S>, context: Record<string, unknown>): ProcessorResult<S> {
    try {
      return run();
    } catch (error) {
      const detail = { processor: this.processor.name, ...context };
      throw new ProcessorError(`processor "${this.processor.name}" threw: ${(error as Error)?.message ?? String(error)}`, detail, error);
    }
  }

  private checkOutputs(result: ProcessorResult<S>, key: string): readonly OutputRecord[] {
    const outputs = result.outputs ?? [];
    for (const output of outputs) {
      if (!this.declaredOutputs.has(output.output)) {
        throw new ProcessorError(`processor "${this.processor.name}" emitted to undeclared output "${output.output}"`, { key, output: output.output });
      }
      if (typeof output.id !== 'string' || output.id.length === 0) {
        throw new ProcessorError(`processor "${this.processor.name}" emitted an output without an id`, { key, output: output.output });
      }
    }
    return outputs;
  }
}
