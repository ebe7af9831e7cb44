import type { Thresholds } from '../config/sections.ts';
import { dateOfDayIndex, dayIndexOfDate } from '../time/days.ts';

type UsageThresholds = Thresholds['usage'];

/** Whether a UTC day (a day index) is a holiday. */
export type HolidayTest = (day: number) => boolean;

/** One test per threshold set (sets are shared; see resolveThresholds), each remembering the days it was asked about. */
const tests = new WeakMap<UsageThresholds, HolidayTest>();

/**
 * The holiday test of a threshold set: the dates of `holidays`, and the month-days of
 * `annualHolidays` in every year. Pure.
 */
export function holidayTestOf(usage: UsageThresholds): HolidayTest {
  const known = tests.get(usage);
  if (known !== undefined) return known;
  const dates = new Set(usage.holidays.map(dayIndexOfDate));
  const monthDays = new Set(usage.annualHolidays);
  const answers = new Map<number, boolean>();
  const test: HolidayTest = (day) => {
    const answer = answers.get(day);
    if (answer !== undefined) return answer;
    const holiday = dates.has(day) || (monthDays.size > 0 && monthDays.has(dateOfDayIndex(day).slice(5)));
    answers.set(day, holiday);
    return holiday;
  };
  tests.set(usage, test);
  return test;
}

/** How much of its weekday's usual usage a day is expected to have: `holidayExpectedFactor` on a holiday, else all of it. */
export function expectedShareOf(day: number, usage: UsageThresholds): number {
  return holidayTestOf(usage)(day) ? usage.holidayExpectedFactor : 1;
}
