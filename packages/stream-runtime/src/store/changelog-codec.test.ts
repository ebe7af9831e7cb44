import { expect, test } from 'vitest';
import type { StoreEntry } from '../core/store-entry.ts';
import { decodeEntry, decodeStreamTime, encodeEntry, encodeStreamTime } from './changelog-codec.ts';

test('entries survive the changelog encoding; a deleted entry is a tombstone', () => {
  const entries: StoreEntry[] = [
    { state: { count: 3, nested: [1, 'x'] }, timers: [{ name: 'silence', atMs: 1_700_000_000_000, clock: 'wall' }], recentEventIds: ['a', 'b'] },
    { state: undefined, timers: [{ name: 'renewal', atMs: 5, clock: 'stream' }], recentEventIds: [] },
    { state: 0, timers: [], recentEventIds: [] },
  ];
  for (const entry of entries) expect(decodeEntry(Buffer.from(encodeEntry(entry)!))).toEqual(entry);
  expect(encodeEntry(undefined)).toBeNull();
  expect(decodeStreamTime(encodeStreamTime(-12.5))).toBe(-12.5);
  expect(() => decodeEntry('{"v":2}')).toThrow(/version 2/);
});
