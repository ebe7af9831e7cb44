/**
 * Calendar arithmetic on UTC days. A day index counts whole days since 1970-01-01 (UTC); every
 * time is ms since the epoch and is passed in, never read from the clock. Pure.
 */
export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

/** The UTC day that contains `timeMs`. */
export function dayIndexOf(timeMs: number): number {
  return Math.floor(timeMs / MS_PER_DAY);
}

export function dayStartMs(dayIndex: number): number {
  return dayIndex * MS_PER_DAY;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

/** Day index of an ISO calendar date (YYYY-MM-DD). */
export function dayIndexOfDate(calendarDate: string): number {
  return dayIndexOf(Date.parse(`${calendarDate}T00:00:00Z`));
}

/** ISO calendar date (YYYY-MM-DD) of a day index. */
export function dateOfDayIndex(dayIndex: number): string {
  return new Date(dayStartMs(dayIndex)).toISOString().slice(0, 10);
}

/** ISO-8601 UTC timestamp of a time in ms. */
export function isoOf(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

/** Whole days from `fromMs` to `toMs`, rounded down (negative when `toMs` is earlier). */
export function wholeDaysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / MS_PER_DAY);
}
