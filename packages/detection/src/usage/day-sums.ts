import type { Thresholds } from '../config/sections.ts';
import { weekdayOf } from '../time/days.ts';
import { countOn, type DayCounts } from './day-counts.ts';
import { holidayTestOf } from './holidays.ts';

type UsageThresholds = Thresholds['usage'];

/**
 * Running sums over one version of a customer's day ring, so that any window's or baseline's
 * totals per weekday cost a subtraction instead of a walk over its days. Built once per ring
 * version (the settled array, the head when it is asked for, the thresholds), in one pass over
 * the ring's days; every decline and silence test of that customer and day then reads from it.
 *
 * Per weekday the sums are strided: `at[i]` holds the value of day `fromDay + i − PAD` plus
 * `at[i − 7]`, so the days of one weekday between two days are the difference of two entries.
 * Baseline sums leave holidays out, as the baseline does; windows count them apart, at their share. Derived, never stored: a restored state builds it again.
 */
export interface DaySums {
  /** First and last day covered; outside them nothing can be read. */
  readonly fromDay: number;
  readonly toDay: number;
  /** Strided per weekday: non-holiday counts, their squares, non-holiday days. */
  readonly baselineCount: readonly number[];
  readonly baselineSquare: readonly number[];
  readonly baselineDays: readonly number[];
  /** Strided per weekday: holidays (their expected share is `holidayExpectedFactor`, every other day's 1). */
  readonly holidays: readonly number[];
  /** Plain running total of every day's count (`total[i]` = days up to `fromDay + i − PAD`). */
  readonly total: readonly number[];
}

/** Zeros before the first day: the strided sums step back a week, the running total a day. */
const PAD = 7;

/** Per weekday, 0 = Sunday, over days `fromDay` … `toDay` of a strided sum. */
export function sumPerWeekday(sums: DaySums, strided: readonly number[], fromDay: number, toDay: number, out: number[]): number[] {
  const toWeekday = weekdayOf(toDay);
  for (let weekday = 0; weekday < 7; weekday++) {
    const last = toDay - ((toWeekday - weekday + 7) % 7);
    const first = last - 7 * Math.floor((last - fromDay) / 7);
    out[weekday] = last < fromDay ? 0 : (strided[last - sums.fromDay + PAD] as number) - (strided[first - sums.fromDay + PAD - 7] as number);
  }
  return out;
}

/** Days per weekday, 0 = Sunday, over `fromDay` … `toDay`. */
export function daysPerWeekdayOver(fromDay: number, toDay: number, out: number[]): number[] {
  const toWeekday = weekdayOf(toDay);
  for (let weekday = 0; weekday < 7; weekday++) {
    const last = toDay - ((toWeekday - weekday + 7) % 7);
    out[weekday] = last < fromDay ? 0 : Math.floor((last - fromDay) / 7) + 1;
  }
  return out;
}

/** The total of every day's count over `fromDay` … `toDay`. */
export function totalOver(sums: DaySums, fromDay: number, toDay: number): number {
  return (sums.total[toDay - sums.fromDay + PAD] as number) - (sums.total[fromDay - sums.fromDay + PAD - 1] as number);
}

/** Whether the sums reach over `fromDay` … `toDay`. */
export function covers(sums: DaySums, fromDay: number, toDay: number): boolean {
  return fromDay >= sums.fromDay && toDay <= sums.toDay;
}

/**
 * Plain arrays, not Float64Arrays: these are built once per customer and day and dropped soon
 * after, and five typed arrays a build (each its own buffer outside the heap) cost more to make
 * and collect than the sums themselves. Both hold the same doubles.
 */
function zeros(length: number): number[] {
  return new Array<number>(length).fill(0);
}

function build(days: DayCounts, fromDay: number, toDay: number, usage: UsageThresholds): DaySums {
  const length = toDay - fromDay + 1 + PAD;
  const sums = {
    fromDay,
    toDay,
    baselineCount: zeros(length),
    baselineSquare: zeros(length),
    baselineDays: zeros(length),
    holidays: zeros(length),
    total: zeros(length),
  };
  const isHoliday = holidayTestOf(usage);
  for (let i = PAD; i < length; i++) {
    const day = fromDay + i - PAD;
    const count = countOn(days, day);
    const holiday = isHoliday(day);
    sums.baselineCount[i] = (holiday ? 0 : count) + (sums.baselineCount[i - 7] as number);
    sums.baselineSquare[i] = (holiday ? 0 : count * count) + (sums.baselineSquare[i - 7] as number);
    sums.baselineDays[i] = (holiday ? 0 : 1) + (sums.baselineDays[i - 7] as number);
    sums.holidays[i] = (holiday ? 1 : 0) + (sums.holidays[i - 7] as number);
    sums.total[i] = count + (sums.total[i - 1] as number);
  }
  return sums;
}

interface Built {
  readonly counts: readonly number[];
  readonly usage: UsageThresholds;
  readonly fromDay: number;
  readonly toDay: number;
  readonly head: string;
  readonly sums: DaySums;
}

/**
 * The sums built last, for any customer. They serve the questions one assessment asks of one
 * ring version (the decline test, its shortest window, the silence basis), which come one after
 * another; answers that outlive the assessment are remembered by the tests themselves. Kept per
 * ring version instead, every customer's ring held five arrays of sums for as long as it lived.
 */
let lastBuilt: readonly Built[] = [];
const KEPT = 2;

/**
 * The sums of `days` over `fromDay` … `toDay` (days the ring does not hold count 0), built once
 * per ring version and range while in use. Pure: the result depends only on its arguments.
 */
export function daySumsOf(days: DayCounts, fromDay: number, toDay: number, usage: UsageThresholds): DaySums {
  const head = days.head !== undefined && days.head.day <= toDay && days.head.day >= fromDay ? `${days.head.day}=${days.head.count}` : '-';
  const found = lastBuilt.find(
    (entry) => entry.counts === days.counts && entry.usage === usage && entry.fromDay === fromDay && entry.toDay === toDay && entry.head === head,
  );
  if (found !== undefined) return found.sums;
  const sums = build(days, fromDay, toDay, usage);
  lastBuilt = [...lastBuilt.slice(1 - KEPT), { counts: days.counts, usage, fromDay, toDay, head, sums }];
  return sums;
}
