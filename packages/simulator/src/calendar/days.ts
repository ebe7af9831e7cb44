/**
 * Calendar arithmetic on UTC epoch days (days since 1970-01-01). Pure: it converts dates, it never
 * asks what day it is.
 */

export const msPerDay = 86_400_000;

/** `YYYY-MM-DD` → epoch day. */
export function epochDayOf(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / msPerDay;
}

/** Epoch day → `YYYY-MM-DD`. */
export function isoDateOf(epochDay: number): string {
  return new Date(epochDay * msPerDay).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** Month 1–12 and day of month 1–31 of an epoch day. */
export function monthAndDay(epochDay: number): { readonly month: number; readonly day: number } {
  const date = new Date(epochDay * msPerDay);
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The same day of the month `months` later (or earlier when negative); a day that month lacks
 * becomes its last day (Jan 31 + 1 month = Feb 28 or 29), as contracts usually count.
 */
export function addMonths(epochDay: number, months: number): number {
  const date = new Date(epochDay * msPerDay);
  const targetMonth = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  return Date.UTC(date.getUTCFullYear(), targetMonth, Math.min(date.getUTCDate(), lastDay)) / msPerDay;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` of an instant `msInDay` ms (0 ≤ msInDay < 86 400 000) after the start
 * of the UTC day `isoDate`: what `Date#toISOString` gives, without building a Date per event.
 */
export function isoInstantOf(isoDate: string, msInDay: number): string {
  const ms = msInDay % 1000;
  const seconds = Math.floor(msInDay / 1000);
  return `${isoDate}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${ms < 100 ? (ms < 10 ? '00' : '0') : ''}${ms}Z`;
}
