import type { StoredTimer, StoreEntry } from '../core/store-entry.ts';

/**
 * The state store of one task (one input partition): a key → value map the runtime owns.
 *
 * Synchronous on purpose: the per-record path reads and writes it without awaiting. A disk-backed
 * implementation for state larger than memory must answer from a synchronous engine or a cache.
 * The store holds only committed values; uncommitted changes of a batch live in the task's overlay
 * (see stream-task.ts), so a failed batch never leaves half-applied state behind.
 */
export interface KeyValueStore<V> {
  get(key: string): V | undefined;
  /**
   * The value as stored, without the work a read does to make it fast to read again: a store that
   * keeps values serialised returns one that decodes its parts when they are read, and leaves its
   * cache as it was. For looking at a part of many values once (the timer index).
   */
  peek(key: string): V | undefined;
  set(key: string, value: V): void;
  /**
   * Restore path, in a store that keeps values serialised: a changelog record's bytes as they
   * are, with the timers read from them. The rest of the entry is decoded, and checked, when first
   * read (a CorruptStateError then). Without it, a restore decodes each entry and calls `set`.
   */
  readonly setBytes?: (key: string, timers: readonly StoredTimer[], bytes: Buffer) => void;
  delete(key: string): void;
  readonly size: number;
  entries(): IterableIterator<[string, V]>;
  clear(): void;
}

/** Creates the stores of a runtime; called once per task with the task's name. */
export type StoreFactory = <S>(name: string) => KeyValueStore<StoreEntry<S>>;

export function createMemoryStore<V>(): KeyValueStore<V> {
  const map = new Map<string, V>();
  return {
    get: (key) => map.get(key),
    peek: (key) => map.get(key),
    set: (key, value) => {
      map.set(key, value);
    },
    delete: (key) => {
      map.delete(key);
    },
    get size() {
      return map.size;
    },
    entries: () => map.entries(),
    clear: () => map.clear(),
  };
}

export const memoryStores: StoreFactory = () => createMemoryStore();
