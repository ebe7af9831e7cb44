import { expect, test } from 'vitest';
import type { StoredTimer } from '../core/store-entry.ts';
import { ProcessorError } from '../errors.ts';
import { readTimers, skipTimers, timersByteLength, writeTimers } from './packed-timers.ts';

const timers: StoredTimer[] = [
  { name: 'silence', atMs: 1_764_000_000_123.5, clock: 'wall' },
  { name: 'daily', atMs: -1, clock: 'stream' },
  { name: 'prüfung-é', atMs: Number.MAX_SAFE_INTEGER, clock: 'stream' },
];

test('timers read back as written, after any prefix, and end where the skip says', () => {
  for (const list of [[], timers]) {
    const length = timersByteLength(list);
    const buffer = Buffer.alloc(7 + length + 3, 0xee);
    expect(writeTimers(buffer, 7, list)).toBe(7 + length);
    expect(readTimers(buffer, 7)).toEqual({ timers: list, end: 7 + length });
    expect(skipTimers(buffer, 7)).toBe(7 + length);
  }
  // 2 bytes of count, then 11 fixed bytes and the UTF-8 name per timer.
  expect(timersByteLength(timers)).toBe(2 + 3 * 11 + 'silence'.length + 'daily'.length + Buffer.byteLength('prüfung-é'));
});

test('a key with more timers, or a longer name, than the layout holds is a processor error', () => {
  const many = Array.from({ length: 0x10000 }, (_, i) => ({ name: `t${i}`, atMs: i, clock: 'stream' as const }));
  expect(() => timersByteLength(many)).toThrow(ProcessorError);
  expect(() => timersByteLength([{ name: 'n'.repeat(0x10000), atMs: 0, clock: 'wall' }])).toThrow(/timer name of 65536 bytes/);
});
