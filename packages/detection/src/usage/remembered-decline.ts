import type { DayCounts } from './day-counts.ts';
import { type DeclineOutcome, type DeclineTestInput, measureDecline } from './decline-test.ts';

/** One remembered test: its input, as far as the outcome depends on it, and the outcome. */
interface Remembered {
  readonly windowToDay: number;
  readonly firstSeenDay: number;
  readonly startDay: number;
  /** `day=count` of the ring's head when the window reaches it, else '-'. */
  readonly head: string;
  readonly frozenWindowDays: number | undefined;
  readonly shortestOnly: boolean;
  readonly usage: DeclineTestInput['usage'];
  readonly frozenBaseline: DeclineTestInput['frozenBaseline'];
  readonly outcome: DeclineOutcome;
}

/**
 * The last outcomes per settled-day array; an array dropped from every state is forgotten with
 * it. A few, because one day asks up to three questions of the same days: the decline test at
 * the day's start, and the silence basis's two as of the last usage day, which the next day's
 * decline test asks again.
 */
const remembered = new WeakMap<readonly number[], readonly Remembered[]>();
const KEPT_PER_ARRAY = 3;

function windowToDayOf(input: DeclineTestInput): number {
  return Math.min(input.evaluationDay - 1, input.lastActiveDay ?? input.evaluationDay - 1);
}

function headKey(days: DayCounts, windowToDay: number): string {
  return days.head !== undefined && days.head.day <= windowToDay ? `${days.head.day}=${days.head.count}` : '-';
}

/**
 * `measureDecline`, remembered. The outcome depends only on the days up to the end of the recent
 * window, and those change rarely: the many events of one day land on the ring's head, which
 * lies after the window, and leave its settled array (the key here) as it was. So the test is
 * made once per customer and day instead of once per event. The remembered input is compared in
 * full (thresholds and frozen baseline by identity), so the result is always exactly
 * `measureDecline(input)`. Pure: nothing observable depends on what is remembered.
 */
export function measureDeclineRemembered(input: DeclineTestInput): DeclineOutcome {
  const { days } = input;
  const windowToDay = windowToDayOf(input);
  const head = headKey(days, windowToDay);
  const shortestOnly = input.shortestOnly === true;
  const entries = remembered.get(days.counts) ?? [];
  for (const entry of entries) {
    if (
      entry.windowToDay === windowToDay &&
      entry.firstSeenDay === input.firstSeenDay &&
      entry.startDay === days.startDay &&
      entry.head === head &&
      entry.frozenWindowDays === input.frozenWindowDays &&
      entry.shortestOnly === shortestOnly &&
      entry.usage === input.usage &&
      entry.frozenBaseline === input.frozenBaseline
    )
      return entry.outcome;
  }
  const outcome = measureDecline(input);
  const entry: Remembered = {
    windowToDay,
    firstSeenDay: input.firstSeenDay,
    startDay: days.startDay,
    head,
    frozenWindowDays: input.frozenWindowDays,
    shortestOnly,
    usage: input.usage,
    frozenBaseline: input.frozenBaseline,
    outcome,
  };
  remembered.set(days.counts, [...entries.slice(1 - KEPT_PER_ARRAY), entry]);
  return outcome;
}

/**
 * Counts whose running sums are exact in binary floating point (whole, and small enough that
 * squares summed over any ring stay below 2^53): the sums then give the same numbers from any
 * first day, and an outcome does not depend on where they start.
 */
const EXACT_COUNT_LIMIT = 2 ** 21;
const exact = (count: number) => Number.isInteger(count) && Math.abs(count) <= EXACT_COUNT_LIMIT;

/**
 * Whether `entry`, measured on a ring starting at `entry.startDay`, is also the outcome on the
 * same days starting at `startDay` (later: the oldest days were dropped). The test reads the
 * ring's start in two places: a young customer's baseline stops at its earliest known day
 * (first usage or the ring's start), and a frozen baseline is summed from the running sums only
 * while they reach back to it. Neither differs when both starts lie before everything it reads.
 */
function independentOfStart(entry: Remembered, startDay: number): boolean {
  const { usage, windowToDay } = entry;
  if (entry.frozenBaseline === undefined) {
    const longest = entry.shortestOnly ? usage.recentWindowDays : Math.max(usage.recentWindowDays, usage.maxRecentWindowDays);
    const earliestRead = windowToDay - longest + 1 - 7 * usage.baselineWeeks;
    const earliestKnown = (start: number) => Math.max(entry.firstSeenDay, start);
    return earliestKnown(startDay) === earliestKnown(entry.startDay) || earliestKnown(startDay) <= earliestRead;
  }
  const windowDays = entry.frozenWindowDays ?? usage.recentWindowDays;
  const longest = Math.max(usage.recentWindowDays, usage.maxRecentWindowDays, entry.frozenWindowDays ?? 0);
  const sumsFrom = (start: number) => Math.min(start, windowToDay - longest + 1);
  const baselineFrom = entry.frozenBaseline.fromDay;
  return windowToDay - windowDays + 1 >= startDay && (baselineFrom >= startDay || baselineFrom < sumsFrom(entry.startDay));
}

/**
 * Carries what was remembered for `before` over to `after`, the ring `addToDay` made from it
 * when a later day began: the head settled, the days up to `before`'s newest unchanged, maybe
 * the oldest dropped. An outcome that read only those days and does not depend on the ring's
 * start holds for `after` as it did for `before`; without this, the day's first event would
 * repeat the test its daily timer has just made.
 */
export function carryRemembered(before: DayCounts, after: DayCounts): void {
  const entries = remembered.get(before.counts);
  if (entries === undefined || after.counts === before.counts || remembered.has(after.counts)) return;
  const newest = before.head?.day ?? before.startDay + before.counts.length - 1;
  if (after.head === undefined || after.head.day <= newest) return;
  const carried = entries
    // Only outcomes of `before` as it stands: one measured while its head's day was still counting is of another version.
    .filter((entry) => entry.windowToDay <= newest && entry.head === headKey(before, entry.windowToDay) && independentOfStart(entry, after.startDay))
    .map((entry) => ({ ...entry, startDay: after.startDay, head: headKey(after, entry.windowToDay) }));
  if (carried.length === 0 || !before.counts.every(exact) || (before.head !== undefined && !exact(before.head.count))) return;
  remembered.set(after.counts, carried);
}
