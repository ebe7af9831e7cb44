import { describe, expect, it } from 'vitest';
import { addMonths, dayOfWeek, epochDayOf, isoDateOf, isoInstantOf } from '../src/calendar/days.ts';
import { isSummerBreak, isYearEndHoliday } from '../src/calendar/seasonality.ts';
import { resolveStartDate } from '../src/index.ts';

describe('calendar', () => {
  it('converts dates to epoch days and back', () => {
    expect(epochDayOf('1970-01-01')).toBe(0);
    for (const date of ['2024-02-29', '2025-01-01', '2025-12-31', '2031-07-15']) expect(isoDateOf(epochDayOf(date))).toBe(date);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek(epochDayOf('2025-01-01'))).toBe(3); // a Wednesday
    expect(dayOfWeek(epochDayOf('2025-01-05'))).toBe(0); // a Sunday
  });

  it('adds months the way contracts count, clamping to the end of shorter months', () => {
    const add = (date: string, months: number) => isoDateOf(addMonths(epochDayOf(date), months));
    expect(add('2025-01-31', 1)).toBe('2025-02-28');
    expect(add('2024-01-31', 1)).toBe('2024-02-29');
    expect(add('2025-03-15', 12)).toBe('2026-03-15');
    expect(add('2025-03-31', -1)).toBe('2025-02-28');
    expect(add('2025-01-10', -13)).toBe('2023-12-10');
  });

  it('marks the Christmas and New Year weeks and the summer break', () => {
    const yearEnd = (date: string) => isYearEndHoliday(epochDayOf(date));
    expect([yearEnd('2025-12-22'), yearEnd('2025-12-23'), yearEnd('2026-01-02'), yearEnd('2026-01-03')]).toEqual([false, true, true, false]);
    expect([isSummerBreak(epochDayOf('2025-07-19')), isSummerBreak(epochDayOf('2025-08-01')), isSummerBreak(epochDayOf('2025-08-26'))]).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('resolves start dates relative to today or as given, and rejects anything else', () => {
    expect(resolveStartDate('now', '2026-03-01')).toBe('2026-03-01');
    expect(resolveStartDate('now-365d', '2026-03-01')).toBe('2025-03-01');
    expect(resolveStartDate('now+2d', '2026-02-27')).toBe('2026-03-01');
    expect(resolveStartDate('2024-02-29', '2026-03-01')).toBe('2024-02-29');
    for (const bad of ['yesterday', '2025-02-30', 'now-3w', '']) expect(() => resolveStartDate(bad, '2026-03-01')).toThrow(/--start/);
  });
});

describe('isoInstantOf', () => {
  it('formats exactly like Date#toISOString across a day', () => {
    const dayStartMs = Date.parse('2025-03-09T00:00:00Z');
    for (const msInDay of [0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 3_600_000, 43_210_987, 86_399_999]) {
      expect(isoInstantOf('2025-03-09', msInDay)).toBe(new Date(dayStartMs + msInDay).toISOString());
    }
  });
});
