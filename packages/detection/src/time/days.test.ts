import { describe, expect, it } from 'vitest';
import { dateOfDayIndex, isoOf } from './days.ts';

describe('isoOf', () => {
  it('writes what Date writes, for times spread over the years it formats by hand', () => {
    // A fixed pseudo-random walk, so a failure names a time that can be tried again.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 20_000; i++) {
      const timeMs = Math.floor(next() * 4e12) + (i % 3 === 0 ? Math.floor(next() * 86_400_000) : 0);
      expect(isoOf(timeMs)).toBe(new Date(timeMs).toISOString());
    }
  });

  it('writes day edges, and times it leaves to Date, as Date does', () => {
    const day = Date.parse('2025-03-30T00:00:00.000Z');
    for (const timeMs of [0, 1, 999, 59_999, 86_399_999, day - 1, day, day + 1, 253_402_300_799_999, 253_402_300_800_000, -1, -86_400_001, 1.5]) {
      expect(isoOf(timeMs)).toBe(new Date(timeMs).toISOString());
    }
    expect(isoOf(day + 3_723_004)).toBe('2025-03-30T01:02:03.004Z');
  });

  it('writes a day index as its calendar date, leap days and century years included', () => {
    for (const date of ['1970-01-01', '2000-02-29', '2024-02-29', '2025-03-01', '2100-03-01', '2400-02-29', '9999-12-31']) {
      expect(dateOfDayIndex(Date.parse(`${date}T00:00:00Z`) / 86_400_000)).toBe(date);
    }
    expect(dateOfDayIndex(-1)).toBe('1969-12-31');
  });
});
