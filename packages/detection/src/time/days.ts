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
  return isoOf(dayStartMs(dayIndex)).slice(0, 10);
}

/** 10000-01-01T00:00:00.000Z: from there on `toISOString` writes a six-digit year. */
const FOUR_DIGIT_YEARS_END_MS = 253_402_300_800_000;
// Made once: built per call, the digits were most of what formatting a time allocated.
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const twoDigits = (n: number): string => TWO_DIGITS[n] as string;
const threeDigits = (n: number): string => THREE_DIGITS[n] as string;

/** The day formatted last: the times one assessment writes fall on a few days, mostly the same. */
let lastDay = Number.NaN;
let lastDate = '';

function dateOfDay(dayIndex: number): string {
  if (dayIndex !== lastDay) {
    lastDate = calendarDateOf(dayIndex);
    lastDay = dayIndex;
  }
  return lastDate;
}

/** `YYYY-MM-DD` of a day index ≥ 0, by the proleptic Gregorian calendar (days-to-civil, in 400-year eras). */
function calendarDateOf(dayIndex: number): string {
  const shifted = dayIndex + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * ISO-8601 UTC timestamp of a time in ms, exactly as `Date.prototype.toISOString` writes it.
 * Formatting a Date was a measurable part of every assessment, so it is written by arithmetic.
 * Times before 1970, from the year 10000 on, or with a fraction of a ms go through Date.
 */
export function isoOf(timeMs: number): string {
  if (!(timeMs >= 0 && timeMs < FOUR_DIGIT_YEARS_END_MS) || !Number.isInteger(timeMs)) return new Date(timeMs).toISOString();
  const day = Math.floor(timeMs / MS_PER_DAY);
  const inDay = timeMs - day * MS_PER_DAY;
  const ms = inDay % 1000;
  const seconds = (inDay - ms) / 1000;
  const minutes = (seconds - (seconds % 60)) / 60;
  const hours = (minutes - (minutes % 60)) / 60;
  return `${dateOfDay(day)}T${twoDigits(hours)}:${twoDigits(minutes % 60)}:${twoDigits(seconds % 60)}.${threeDigits(ms)}Z`;
}

/** Whole days from `fromMs` to `toMs`, rounded down (negative when `toMs` is earlier). */
export function wholeDaysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / MS_PER_DAY);
}
