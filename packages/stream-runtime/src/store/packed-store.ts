import { ConfigError } from '@churnwatch/errors';
import type { StoredTimer, StoreEntry } from '../core/store-entry.ts';
import { CorruptStateError } from '../errors.ts';
import { type ArenaSlot, ByteArena } from './byte-arena.ts';
import { decodeEntry, encodeEntry } from './changelog-codec.ts';
import type { KeyValueStore, StoreFactory } from './key-value-store.ts';
import { readTimers, skipTimers, timersByteLength, writeTimers } from './packed-timers.ts';

/**
 * An entry kept as its changelog bytes in the store's arena, outside the JavaScript heap, behind
 * its timers in binary (packed-timers.ts): the task's timer index reads every key's timers (on
 * restore and when it rebuilds), and decoding a whole entry for them would cost more than the
 * index. Every part is decoded when read; the store itself reads the entry once, when it takes it
 * back into its cache. It is its own arena slot, so that a packed key costs one small object.
 */
class PackedEntry<S> implements StoreEntry<S>, ArenaSlot {
  slab: Buffer;
  offset: number;
  length: number;

  constructor(slot: ArenaSlot) {
    this.slab = slot.slab;
    this.offset = slot.offset;
    this.length = slot.length;
  }

  decode(): StoreEntry<S> {
    return decodeEntry(this.slab.toString('utf8', skipTimers(this.slab, this.offset), this.offset + this.length)) as StoreEntry<S>;
  }

  get timers(): readonly StoredTimer[] {
    return readTimers(this.slab, this.offset).timers;
  }

  get state(): S | undefined {
    return this.decode().state;
  }

  get recentEventHashes(): readonly number[] {
    return this.decode().recentEventHashes;
  }
}

function checkCacheKeys(cacheKeys: number): void {
  if (!Number.isInteger(cacheKeys) || cacheKeys < 1) throw new ConfigError('the packed store', [`cacheKeys: expected a whole number >= 1, got ${cacheKeys}`]);
}

/** A packed store per task; the size is checked here, so a bad one stops start-up rather than the first assignment. */
export function packedStores(cacheKeys: number): StoreFactory {
  checkCacheKeys(cacheKeys);
  return () => createPackedStore(cacheKeys);
}

/**
 * The store of the live runtime: the `cacheKeys` most recently written keys stay decoded, the
 * others are kept as their changelog bytes, packed into an arena, and decoded when read again
 * (as Kafka Streams keeps its stores in RocksDB behind a record cache).
 *
 * A decoded entry costs several times its JSON in heap and every one of them is marked by each
 * full collection, so a store of a million customers held decoded spent most of its restore
 * collecting garbage; restored entries now go straight in as bytes. What stays decoded is the
 * working set: a key is written back (moved to the newest end) every time a commit changed it.
 * A read alone does not move it, which keeps a cache hit a single map lookup.
 */
export function createPackedStore<S>(cacheKeys: number): KeyValueStore<StoreEntry<S>> {
  checkCacheKeys(cacheKeys);
  // Insertion order is write order: the first key is the one written longest ago.
  const decoded = new Map<string, StoreEntry<S>>();
  const encoded = new Map<string, PackedEntry<S>>();
  const arena = new ByteArena();

  const pack = (key: string, timers: readonly StoredTimer[], bytes: Buffer | string) => {
    unpack(key);
    const slot = arena.put(bytes, timersByteLength(timers));
    writeTimers(slot.slab, slot.offset, timers);
    encoded.set(key, new PackedEntry<S>(slot));
    if (arena.wantsCompaction) arena.compact(encoded.values());
  };
  const unpack = (key: string) => {
    const stored = encoded.get(key);
    if (stored === undefined) return;
    encoded.delete(key);
    arena.free(stored);
  };
  const makeRoom = () => {
    while (decoded.size > cacheKeys) {
      const [key, entry] = decoded.entries().next().value as [string, StoreEntry<S>];
      decoded.delete(key);
      pack(key, entry.timers, encodeEntry(entry) as string);
    }
  };
  const cache = (key: string, entry: StoreEntry<S>) => {
    unpack(key);
    decoded.delete(key);
    decoded.set(key, entry);
    makeRoom();
  };

  return {
    get(key) {
      const hit = decoded.get(key);
      if (hit !== undefined) return hit;
      const packed = encoded.get(key);
      if (packed === undefined) return undefined;
      let entry: StoreEntry<S>;
      try {
        entry = packed.decode();
      } catch (error) {
        // Restored bytes are checked here, at their first read (restore-records.ts).
        throw new CorruptStateError(`the stored entry of key ${JSON.stringify(key)}: ${(error as Error).message}`, { key }, error);
      }
      cache(key, entry);
      return entry;
    },
    peek: (key) => decoded.get(key) ?? encoded.get(key),
    set: cache,
    setBytes(key, timers, bytes) {
      decoded.delete(key);
      pack(key, timers, bytes);
    },
    delete(key) {
      decoded.delete(key);
      unpack(key);
    },
    get size() {
      return decoded.size + encoded.size;
    },
    *entries() {
      yield* decoded.entries();
      yield* encoded.entries();
    },
    clear() {
      decoded.clear();
      encoded.clear();
      arena.clear();
    },
  };
}
