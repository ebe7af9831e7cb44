import { eventIdHash } from '../core/event-id-hash.ts';
import type { StoredTimer, StoreEntry } from '../core/store-entry.ts';
import { CorruptStateError } from '../errors.ts';
import { packHashes, unpackHashes } from './packed-hashes.ts';

/**
 * How store entries travel on the compacted changelog: key = the record key, value = compact
 * JSON, `null` = tombstone. Two reserved keys per partition carry the task's stream time and the
 * input offsets its state has taken up; they start with a NUL character, which customer ids never
 * contain.
 *
 * Decoding failures are CorruptStateError (not retriable): the same bytes fail every time.
 */
export const streamTimeKey = '\u0000churnwatch:stream-time';
/**
 * The next offset of every input that the entries written with it have taken up. At least once,
 * the changelog is written before the consumer commits its offsets; when that commit is lost (a
 * crash, a broker restart), a restore starts after these instead of re-reading records whose
 * effect is already in the state (their outputs were acknowledged before the changelog).
 */
export const inputOffsetsKey = '\u0000churnwatch:input-offsets';

interface EncodedEntry {
  readonly v: 1;
  readonly s?: unknown;
  /** [name, atMs, clock initial] */
  readonly t?: ReadonlyArray<readonly [string, number, 's' | 'w']>;
  /** Hashes of the recent event ids (event-id-hash.ts), packed: 7 bytes each, little-endian, in base64. */
  readonly e?: string;
  /** The same hashes as numbers, as entries were written before they were packed. */
  readonly h?: readonly number[];
  /** The recent event ids themselves, as entries written before the hashes were kept. */
  readonly i?: readonly string[];
}

const noTimers: readonly StoredTimer[] = Object.freeze([]);
const noHashes: readonly number[] = Object.freeze([]);
/** Timer names repeat across every key: one string each instead of one per entry. */
const timerNames = new Map<string, string>();
export const internName = (name: string): string => {
  const known = timerNames.get(name);
  if (known !== undefined) return known;
  if (timerNames.size < 10_000) timerNames.set(name, name);
  return name;
};

/**
 * Timers first, then the event-id hashes, then the state: a restore into a store that keeps
 * entries as bytes reads the timers alone (encodedTimers) and leaves the rest for the first read.
 */
export function encodeEntry(entry: StoreEntry | undefined): string | null {
  if (entry === undefined) return null;
  const encoded: EncodedEntry = {
    v: 1,
    ...(entry.timers.length ? { t: entry.timers.map((t) => [t.name, t.atMs, t.clock === 'wall' ? 'w' : 's'] as const) } : {}),
    ...(entry.recentEventHashes.length ? { e: packHashes(entry.recentEventHashes) } : {}),
    ...(entry.state === undefined ? {} : { s: entry.state }),
  };
  return JSON.stringify(encoded);
}

const timersFirst = Buffer.from('{"v":1,"t":');
const hashesFirst = [Buffer.from('{"v":1,"e":'), Buffer.from('{"v":1,"h":')];
const startsWith = (bytes: Buffer, prefix: Buffer) => bytes.length > prefix.length && bytes.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

/** The index after the JSON array that opens at `start`, strings and their escapes skipped; undefined if it does not close. */
function endOfArray(bytes: Buffer, start: number): number | undefined {
  if (bytes[start] !== 0x5b) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b) depth++;
    else if (byte === 0x5d && --depth === 0) return i + 1;
  }
  return undefined;
}

/**
 * An entry's timers, read without parsing the rest of it, when its layout allows: timers (or,
 * with none, the hashes) right after the version, as encodeEntry writes them and as earlier
 * entries without state did. Undefined otherwise (an entry written with its state first), and for
 * bytes that do not end as an object does: the caller decodes the whole entry, which reports what
 * is wrong. A malformed timer list is CorruptStateError here; the rest is checked when decoded.
 */
export function encodedTimers(bytes: Buffer): readonly StoredTimer[] | undefined {
  if (bytes[bytes.length - 1] !== 0x7d) return undefined;
  if (hashesFirst.some((prefix) => startsWith(bytes, prefix))) return noTimers;
  if (!startsWith(bytes, timersFirst)) return undefined;
  const end = endOfArray(bytes, timersFirst.length);
  if (end === undefined || (bytes[end] !== 0x2c && bytes[end] !== 0x7d)) return undefined;
  return decodeTimers(parse(bytes.toString('utf8', timersFirst.length, end), 'changelog entry timers'));
}

function parse(bytes: Buffer | string, what: string): unknown {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    throw new CorruptStateError(`${what} is not JSON: ${(error as Error).message}`, {}, error);
  }
}

function decodeTimers(encoded: unknown): readonly StoredTimer[] {
  if (encoded === undefined) return noTimers;
  if (!Array.isArray(encoded)) throw new CorruptStateError('changelog entry has timers that are not a list');
  // map, not push: an array grown by push keeps room for 17 elements, and there is one per key.
  return encoded.map((timer: unknown) => {
    if (!Array.isArray(timer) || typeof timer[0] !== 'string' || typeof timer[1] !== 'number' || (timer[2] !== 's' && timer[2] !== 'w')) {
      throw new CorruptStateError(`changelog entry has a malformed timer ${JSON.stringify(timer)}`);
    }
    return { name: internName(timer[0]), atMs: timer[1], clock: timer[2] === 'w' ? 'wall' : 'stream' };
  });
}

function decodeHashes(encoded: EncodedEntry): readonly number[] {
  const { e: packed, h: hashes, i: ids } = encoded;
  if (packed !== undefined) return unpackHashes(packed);
  if (hashes !== undefined) {
    if (!Array.isArray(hashes) || hashes.some((hash) => !Number.isSafeInteger(hash) || hash < 0)) {
      throw new CorruptStateError('changelog entry has event id hashes that are not a list of non-negative integers');
    }
    return hashes;
  }
  if (ids === undefined) return noHashes;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
    throw new CorruptStateError('changelog entry has event ids that are not a list of strings');
  return ids.map(eventIdHash);
}

export function decodeEntry(bytes: Buffer | string): StoreEntry {
  const encoded = parse(bytes, 'changelog entry') as EncodedEntry | null;
  if (typeof encoded !== 'object' || encoded === null) throw new CorruptStateError('changelog entry is not a JSON object');
  if (encoded.v !== 1) throw new CorruptStateError(`unknown changelog entry version ${JSON.stringify(encoded.v)}`);
  return { state: encoded.s, timers: decodeTimers(encoded.t), recentEventHashes: decodeHashes(encoded) };
}

export function encodeStreamTime(streamTimeMs: number): string {
  return JSON.stringify({ v: 1, streamTimeMs });
}

export function decodeStreamTime(bytes: Buffer | string): number {
  const decoded = parse(bytes, 'changelog stream-time record') as { streamTimeMs?: unknown } | null;
  if (typeof decoded?.streamTimeMs !== 'number') throw new CorruptStateError('changelog stream-time record without streamTimeMs');
  return decoded.streamTimeMs;
}

export function encodeInputOffsets(offsets: ReadonlyMap<string, string>): string {
  return JSON.stringify({ v: 1, offsets: Object.fromEntries(offsets) });
}

export function decodeInputOffsets(bytes: Buffer | string): Map<string, string> {
  const decoded = parse(bytes, 'changelog input-offsets record') as { offsets?: unknown } | null;
  const offsets = decoded?.offsets;
  if (typeof offsets !== 'object' || offsets === null || Array.isArray(offsets)) throw new CorruptStateError('changelog input-offsets record without offsets');
  const result = new Map<string, string>();
  for (const [topic, offset] of Object.entries(offsets)) {
    if (typeof offset !== 'string' || !/^\d+$/.test(offset))
      throw new CorruptStateError(`changelog input-offsets record has offset ${JSON.stringify(offset)} for ${topic}`);
    result.set(topic, offset);
  }
  return result;
}
