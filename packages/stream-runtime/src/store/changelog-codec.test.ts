import { expect, test } from 'vitest';
import { eventIdHash } from '../core/event-id-hash.ts';
import type { StoreEntry } from '../core/store-entry.ts';
import { CorruptStateError } from '../errors.ts';
import { decodeEntry, decodeInputOffsets, decodeStreamTime, encodedTimers, encodeEntry, encodeInputOffsets, encodeStreamTime } from './changelog-codec.ts';

test('entries survive the changelog encoding; a deleted entry is a tombstone', () => {
  const entries: StoreEntry[] = [
    { state: { count: 3, nested: [1, 'x'] }, timers: [{ name: 'silence', atMs: 1_700_000_000_000, clock: 'wall' }], recentEventHashes: [1, 2 ** 53 - 1] },
    { state: undefined, timers: [{ name: 'renewal', atMs: 5, clock: 'stream' }], recentEventHashes: [] },
    { state: 0, timers: [], recentEventHashes: [] },
  ];
  for (const entry of entries) expect(decodeEntry(Buffer.from(encodeEntry(entry)!))).toEqual(entry);
  expect(encodeEntry(undefined)).toBeNull();
  expect(decodeStreamTime(encodeStreamTime(-12.5))).toBe(-12.5);
  expect(() => decodeEntry('{"v":2}')).toThrow(/version 2/);
});

test('bytes that are not an entry are corrupt state, never retriable: garbage, wrong shapes, unknown versions', () => {
  for (const bytes of [
    '\u0000\u0001garbage',
    '{"v":1,"s":',
    '[]',
    'null',
    '{"v":2}',
    '{"v":1,"t":"x"}',
    '{"v":1,"t":[["n","soon","w"]]}',
    '{"v":1,"i":[1]}',
    '{"v":1,"h":["1"]}',
    '{"v":1,"h":[-1]}',
    '{"v":1,"h":[0.5]}',
  ]) {
    let thrown: unknown;
    try {
      decodeEntry(bytes);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, bytes).toBeInstanceOf(CorruptStateError);
    expect((thrown as CorruptStateError).retriable, bytes).toBe(false);
    expect((thrown as CorruptStateError).code, bytes).toBe('STATE_CORRUPT');
  }
  expect(() => decodeStreamTime('{"v":1}')).toThrow(CorruptStateError);
  for (const bytes of ['{"v":1}', '{"v":1,"offsets":[]}', '{"v":1,"offsets":{"t":12}}', '{"v":1,"offsets":{"t":"-1"}}', 'x']) {
    expect(() => decodeInputOffsets(bytes), bytes).toThrow(CorruptStateError);
  }
});

test('the input offsets survive the changelog encoding, offsets beyond 2^53 included', () => {
  const offsets = new Map([
    ['usage', '9007199254740993'],
    ['orders', '0'],
  ]);
  expect(decodeInputOffsets(Buffer.from(encodeInputOffsets(offsets)))).toEqual(offsets);
});

test('an entry written with the event ids themselves restores their hashes: the duplicate window survives the format change', () => {
  const entry = decodeEntry('{"v":1,"s":{"count":2},"i":["e1","e2"]}');
  expect(entry.recentEventHashes).toEqual([eventIdHash('e1'), eventIdHash('e2')]);
  expect(decodeEntry(encodeEntry(entry)!)).toEqual(entry);
  expect(Object.keys(JSON.parse(encodeEntry(entry)!))).toEqual(['v', 'e', 's']);
});

test('event id hashes are packed, 7 bytes each; entries with the hashes as numbers still decode', () => {
  const hashes = Array.from({ length: 16 }, (_, k) => eventIdHash(`use-cust-0001234-2025-03-${k}-sessions`));
  const entry: StoreEntry = { state: { n: 1 }, timers: [], recentEventHashes: [0, 2 ** 32, 2 ** 53 - 1, ...hashes] };
  const encoded = encodeEntry(entry)!;
  expect(decodeEntry(encoded)).toEqual(entry);
  expect(JSON.parse(encoded).e).toHaveLength(Math.ceil((19 * 7) / 3) * 4);
  expect(encoded.length).toBeLessThan(JSON.stringify({ v: 1, h: entry.recentEventHashes, s: entry.state }).length - 19 * 6);
  expect(decodeEntry(`{"v":1,"h":[${hashes.join(',')}],"s":{"n":1}}`).recentEventHashes).toEqual(hashes);
  const beyond53Bits = Buffer.from([0, 0, 0, 0, 0, 0, 0x20]).toString('base64');
  for (const packed of ['not base64!', 'AAAA', 12, beyond53Bits]) {
    expect(() => decodeEntry(JSON.stringify({ v: 1, e: packed })), String(packed)).toThrow(CorruptStateError);
  }
});

test("an entry's timers read without its state: as encoded, or with none; other layouts and broken ends left to the whole decode", () => {
  const timers = [
    { name: 'silence "]" check', atMs: 1_700_000_000_000, clock: 'wall' as const },
    { name: 'daily', atMs: 5, clock: 'stream' as const },
  ];
  const bytes = (text: string) => Buffer.from(text);
  const entries: StoreEntry[] = [
    { state: { text: '"t":[["x",1,"w"]]' }, timers, recentEventHashes: [7] },
    { state: 1, timers, recentEventHashes: [] },
    { state: undefined, timers, recentEventHashes: [] },
    { state: { n: 1 }, timers: [], recentEventHashes: [3] },
  ];
  for (const entry of entries) expect(encodedTimers(bytes(encodeEntry(entry)!))).toEqual(entry.timers);
  // The state comes after the timers, so reading them never reads it: a broken state is found later.
  expect(encodedTimers(bytes('{"v":1,"t":[["daily",5,"s"]],"s":{"count":}'))).toEqual([timers[1]]);
  // Written with the state first, or no timers and no hashes: undefined, the whole entry must be decoded.
  for (const text of [
    '{"v":1,"s":{"n":1},"t":[["daily",5,"s"]]}',
    '{"v":1,"s":2}',
    '{"v":1}',
    '{"v":1,"t":[["daily",5,"s"]]',
    '{"v":1,"t":[["daily",5,"s"]}',
    '{"v":2,"t":[]}',
  ]) {
    expect(encodedTimers(bytes(text)), text).toBeUndefined();
  }
  expect(() => encodedTimers(bytes('{"v":1,"t":[["daily","soon","s"]],"s":1}'))).toThrow(CorruptStateError);
});
