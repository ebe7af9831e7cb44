import { dayOfWeek, isoDateOf, monthAndDay } from './days.ts';

/**
 * How a customer's activity varies with the calendar. Every factor multiplies the expected daily
 * volume; 1 means no effect.
 */
export interface Seasonality {
  /** Indexed by day of week, 0 = Sunday … 6 = Saturday. */
  readonly weekly: readonly number[];
  /** During the Christmas and New Year weeks (23 December to 2 January). */
  readonly yearEndFactor: number;
  /** During the summer break (20 July to 25 August). */
  readonly summerFactor: number;
}

/** Calendar facts of each simulated day, computed once per run: day 0 is the start date. */
export interface CalendarDay {
  readonly epochDay: number;
  /** YYYY-MM-DD */
  readonly isoDate: string;
  readonly dayOfWeek: number;
  readonly yearEnd: boolean;
  readonly summer: boolean;
}

export function isYearEndHoliday(epochDay: number): boolean {
  const { month, day } = monthAndDay(epochDay);
  return (month === 12 && day >= 23) || (month === 1 && day <= 2);
}

export function isSummerBreak(epochDay: number): boolean {
  const { month, day } = monthAndDay(epochDay);
  return (month === 7 && day >= 20) || (month === 8 && day <= 25);
}

export function calendarDays(startEpochDay: number, days: number): CalendarDay[] {
  return Array.from({ length: days }, (_, offset) => {
    const epochDay = startEpochDay + offset;
    return { epochDay, isoDate: isoDateOf(epochDay), dayOfWeek: dayOfWeek(epochDay), yearEnd: isYearEndHoliday(epochDay), summer: isSummerBreak(epochDay) };
  });
}

export function seasonalFactor(seasonality: Seasonality, day: CalendarDay): number {
  let factor = seasonality.weekly[day.dayOfWeek] as number;
  if (day.yearEnd) factor *= seasonality.yearEndFactor;
  if (day.summer) factor *= seasonality.summerFactor;
  return factor;
}
