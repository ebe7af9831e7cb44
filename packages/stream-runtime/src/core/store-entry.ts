import type { ProcessorResult, TimerClock } from '../processor.ts';

export interface StoredTimer {
  readonly name: string;
  readonly atMs: number;
  readonly clock: TimerClock;
}

/**
 * Everything the runtime keeps for one key of one processor; it is the value written to the
 * changelog, so state, timers and the duplicate window survive restarts and move with the partition.
 */
export interface StoreEntry<S = unknown> {
  readonly state: S | undefined;
  /** At most one timer per name. */
  readonly timers: readonly StoredTimer[];
  /** Hashes of the event ids of the most recent records of this key, oldest first, for duplicate detection (see event-id-hash.ts). */
  readonly recentEventHashes: readonly number[];
}

export const emptyEntry: StoreEntry<never> = { state: undefined, timers: [], recentEventHashes: [] };

/** An entry with no state and no timers is deleted (a tombstone in the changelog), its duplicate window with it. */
export function isDeletable(entry: StoreEntry): boolean {
  return entry.state === undefined && entry.timers.length === 0;
}

/** Cancels first, then sets: a result that cancels and sets the same name leaves the new timer. */
function nextTimers(current: readonly StoredTimer[], result: ProcessorResult<unknown>): readonly StoredTimer[] {
  const cancels = result.cancelTimers ?? [];
  const sets = result.setTimers ?? [];
  if (cancels.length === 0 && sets.length === 0) return current;
  const byName = new Map<string, StoredTimer>();
  for (const timer of current) byName.set(timer.name, timer);
  for (const name of cancels) byName.delete(name);
  for (const request of sets) {
    if (!Number.isFinite(request.atMs)) throw new TypeError(`timer "${request.name}" has a non-finite atMs (${request.atMs})`);
    byName.set(request.name, { name: request.name, atMs: request.atMs, clock: request.clock });
  }
  return [...byName.values()];
}

/** Remembers an event id's hash in a window of at most `maxIds`, dropping the oldest. */
export function rememberEventHash(hashes: readonly number[], hash: number | undefined, maxIds: number): readonly number[] {
  if (hash === undefined || maxIds <= 0) return hashes;
  const kept = hashes.length >= maxIds ? hashes.slice(hashes.length - maxIds + 1) : hashes.slice();
  kept.push(hash);
  return kept;
}

/** The entry after a processor call: new state, timers after cancels and sets, and the duplicate window (unchanged unless given). */
export function applyResult<S>(entry: StoreEntry<S>, result: ProcessorResult<S>, recentEventHashes = entry.recentEventHashes): StoreEntry<S> {
  return { state: result.state, timers: nextTimers(entry.timers, result as ProcessorResult<unknown>), recentEventHashes };
}

export function withoutTimer<S>(entry: StoreEntry<S>, name: string): StoreEntry<S> {
  return { ...entry, timers: entry.timers.filter((timer) => timer.name !== name) };
}
