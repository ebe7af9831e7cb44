import { MS_PER_DAY } from '../units.ts';

/**
 * Calendar days as whole numbers: days since 1970-01-01 (UTC). Purchases are merged per such day,
 * and a calibration end date is the last day it includes. Pure.
 */

/** Day number of year/month/day, or undefined when no such date exists (e.g. 1997-02-30). */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

/** `YYYY-MM-DD` → day number, or undefined when it is not such a date. */
export function dayNumberFromIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

/** `YYYYMMDD` (CDNOW's dates) → day number, or undefined. */
export function dayNumberFromCompactDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return match ? dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

/** The UTC day that contains an instant given in ms since the epoch. */
export function dayNumberOfInstant(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_DAY);
}

export function isoDateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
