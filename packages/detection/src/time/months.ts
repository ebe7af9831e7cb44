/**
 * Calendar-month arithmetic on ISO dates (UTC). Pure.
 */

/** `date` plus `months`, clamped to the end of a shorter month (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Index of the calendar period of `periodMonths` months that contains `timeMs`; periods align to 1 January. */
export function periodIndexOf(timeMs: number, periodMonths: number): number {
  const date = new Date(timeMs);
  return Math.floor((date.getUTCFullYear() * 12 + date.getUTCMonth()) / periodMonths);
}

/** Start (inclusive) and end (exclusive) of a period, ms. */
export function periodBoundsMs(periodIndex: number, periodMonths: number): { startMs: number; endMs: number } {
  const startMonth = periodIndex * periodMonths;
  return {
    startMs: Date.UTC(Math.floor(startMonth / 12), startMonth % 12, 1),
    endMs: Date.UTC(Math.floor((startMonth + periodMonths) / 12), (startMonth + periodMonths) % 12, 1),
  };
}
