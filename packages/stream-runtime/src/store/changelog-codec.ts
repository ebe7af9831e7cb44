import type { StoredTimer, StoreEntry } from '../core/store-entry.ts';

/**
 * How store entries travel on the compacted changelog: key = the record key, value = compact
 * JSON, `null` = tombstone. One reserved key per partition carries the task's stream time; it
 * starts with a NUL character, which customer ids never contain.
 */
export const streamTimeKey = '\u0000churnwatch:stream-time';

interface EncodedEntry {
  readonly v: 1;
  readonly s?: unknown;
  /** [name, atMs, clock initial] */
  readonly t?: ReadonlyArray<readonly [string, number, 's' | 'w']>;
  readonly i?: readonly string[];
}

export function encodeEntry(entry: StoreEntry | undefined): string | null {
  if (entry === undefined) return null;
  const encoded: EncodedEntry = {
    v: 1,
    ...(entry.state === undefined ? {} : { s: entry.state }),
    ...(entry.timers.length ? { t: entry.timers.map((t) => [t.name, t.atMs, t.clock === 'wall' ? 'w' : 's'] as const) } : {}),
    ...(entry.recentEventIds.length ? { i: entry.recentEventIds } : {}),
  };
  return JSON.stringify(encoded);
}

export function decodeEntry(bytes: Buffer | string): StoreEntry {
  const encoded = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8')) as EncodedEntry;
  if (encoded.v !== 1) throw new Error(`unknown changelog entry version ${JSON.stringify(encoded.v)}`);
  const timers: StoredTimer[] = (encoded.t ?? []).map(([name, atMs, clock]) => ({ name, atMs, clock: clock === 'w' ? 'wall' : 'stream' }));
  return { state: encoded.s, timers, recentEventIds: encoded.i ?? [] };
}

export function encodeStreamTime(streamTimeMs: number): string {
  return JSON.stringify({ v: 1, streamTimeMs });
}

export function decodeStreamTime(bytes: Buffer | string): number {
  const decoded = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8')) as { streamTimeMs?: unknown };
  if (typeof decoded.streamTimeMs !== 'number') throw new Error('changelog stream-time record without streamTimeMs');
  return decoded.streamTimeMs;
}
