import type { StoredTimer, StoreEntry } from '../core/store-entry.ts';
import { decodeEntry, encodeEntry } from './changelog-codec.ts';
import type { KeyValueStore } from './key-value-store.ts';

/**
 * An entry kept as its changelog bytes, outside the JavaScript heap. Its timers stay decoded: the
 * task's timer index reads every key's timers (on restore and when it rebuilds), and decoding
 * a whole entry for them would cost more than the index. State and duplicate window are decoded
 * on each read; the store itself reads them once, when it takes the entry back into its cache.
 */
class PackedEntry<S> implements StoreEntry<S> {
  readonly timers: readonly StoredTimer[];
  readonly bytes: Buffer;

  constructor(timers: readonly StoredTimer[], bytes: Buffer) {
    this.timers = timers;
    this.bytes = bytes;
  }

  get state(): S | undefined {
    return decodeEntry(this.bytes).state as S | undefined;
  }

  get recentEventHashes(): readonly number[] {
    return decodeEntry(this.bytes).recentEventHashes;
  }
}

/** A copy from Node's buffer pool: a restore's fetch buffer is not kept alive by the entries read from it. */
const packed = <S>(timers: readonly StoredTimer[], bytes: Buffer | string): PackedEntry<S> => new PackedEntry<S>(timers, Buffer.from(bytes));

/**
 * The store of the live runtime: the `cacheKeys` most recently written keys stay decoded, the
 * others are kept as their changelog bytes and decoded when read again (as Kafka Streams keeps
 * its stores in RocksDB behind a record cache).
 *
 * A decoded entry costs several times its JSON in heap and every one of them is marked by each
 * full collection, so a store of a million customers held decoded spent most of its restore
 * collecting garbage; restored entries now go straight in as bytes. What stays decoded is the
 * working set: a key is written back (moved to the newest end) every time a commit changed it.
 * A read alone does not move it, which keeps a cache hit a single map lookup.
 */
export function createPackedStore<S>(cacheKeys: number): KeyValueStore<StoreEntry<S>> {
  if (!Number.isInteger(cacheKeys) || cacheKeys < 1) throw new RangeError(`cacheKeys must be a whole number >= 1, got ${cacheKeys}`);
  // Insertion order is write order: the first key is the one written longest ago.
  const decoded = new Map<string, StoreEntry<S>>();
  const encoded = new Map<string, PackedEntry<S>>();

  const makeRoom = () => {
    while (decoded.size > cacheKeys) {
      const [key, entry] = decoded.entries().next().value as [string, StoreEntry<S>];
      decoded.delete(key);
      encoded.set(key, packed(entry.timers, encodeEntry(entry) as string));
    }
  };
  const cache = (key: string, entry: StoreEntry<S>) => {
    encoded.delete(key);
    decoded.delete(key);
    decoded.set(key, entry);
    makeRoom();
  };

  return {
    get(key) {
      const hit = decoded.get(key);
      if (hit !== undefined) return hit;
      const stored = encoded.get(key);
      if (stored === undefined) return undefined;
      const entry = decodeEntry(stored.bytes) as StoreEntry<S>;
      cache(key, entry);
      return entry;
    },
    peek: (key) => decoded.get(key) ?? encoded.get(key),
    set: cache,
    setEncoded(key, entry, bytes) {
      decoded.delete(key);
      encoded.set(key, packed(entry.timers, bytes));
    },
    delete(key) {
      decoded.delete(key);
      encoded.delete(key);
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
    },
  };
}
