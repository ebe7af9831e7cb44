import type { Thresholds } from '../config/sections.ts';
import type { DayCounts } from './day-counts.ts';
import { daySumsOf, totalOver } from './day-sums.ts';
import { measureDeclineRemembered } from './remembered-decline.ts';
import { type WeekdayBaseline, weekdayBaselineOf } from './weekday-baseline.ts';

/**
 * What the silence test expects of a customer: its own usual usage per weekday, the rates the
 * decline test compares it against as of its last usage day (the weeks before the recent window,
 * so a customer already sliding does not lower its own bar), or while a decline is open that
 * decline's frozen baseline. A small account (fewer than `usage.minExpectedCount` uses in those
 * weeks) has every whole week the ring holds before its recent window instead: the test allows
 * for rates estimated from few uses by waiting longer, and a sparse customer who had slowed
 * before it stopped was otherwise judged on its slower weeks alone (backtest, seeds 42, 7, 3
 * and 11: churners alerted only after their churn date 5, 4, 4 and 7, then 3, 2, 1 and 2; the
 * same false alarms). A young customer with too little history for the decline test has
 * up to `baselineWeeks` whole weeks right before the day of its last usage (that day left out: it
 * always has usage, which would bias a sparse customer's rates upwards), at least one. Holidays
 * are left out of the rates, as in the decline test.
 */
export interface SilenceBasis {
  /** First and last day (inclusive) of the weeks the rates come from, UTC day indexes. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly weeks: number;
  /** Usual usage per weekday, 0 = Sunday. */
  readonly ratesPerWeekday: readonly number[];
  /** Over-dispersion α of daily counts (variance m + α·m²), as the decline test estimates it. */
  readonly dispersion: number;
  /** All usage in those weeks: the test is only made on enough of it. */
  readonly total: number;
}

interface Remembered {
  readonly lastUsageDay: number;
  readonly firstSeenDay: number;
  readonly startDay: number;
  /** The ring's head when it lies before the last usage day (then part of the basis), else null. */
  readonly headDay: number | null;
  readonly headCount: number | null;
  readonly usage: Thresholds['usage'];
  readonly basis: SilenceBasis | null;
}

/** The last basis per settled-day array (see remembered-decline.ts: the many events of one day leave it as it was). */
const remembered = new WeakMap<readonly number[], Remembered>();

/** The basis, or null with less than one whole week of history before the last usage day. Pure. */
export function silenceBasisOf(days: DayCounts, firstSeenDay: number, lastUsageDay: number, usage: Thresholds['usage']): SilenceBasis | null {
  // Compared field by field: a key text built for every event was a cost of its own.
  const head = days.head !== undefined && days.head.day < lastUsageDay ? days.head : null;
  const last = remembered.get(days.counts);
  if (
    last !== undefined &&
    last.lastUsageDay === lastUsageDay &&
    last.firstSeenDay === firstSeenDay &&
    last.startDay === days.startDay &&
    last.headDay === (head?.day ?? null) &&
    last.headCount === (head?.count ?? null) &&
    last.usage === usage
  )
    return last.basis;
  const basis = computeBasis(days, firstSeenDay, lastUsageDay, usage);
  remembered.set(days.counts, {
    lastUsageDay,
    firstSeenDay,
    startDay: days.startDay,
    headDay: head?.day ?? null,
    headCount: head?.count ?? null,
    usage,
    basis,
  });
  return basis;
}

function computeBasis(days: DayCounts, firstSeenDay: number, lastUsageDay: number, usage: Thresholds['usage']): SilenceBasis | null {
  // What the decline test judges the customer against as of the last usage day (the question
  // the next day's decline test asks again, so both share the remembered answer): the weeks before
  // its window (a small account's longer one, or the one that shows a decline); without a window
  // of enough volume, the weeks before the shortest, or for a small account all the ring holds.
  const asOfLastUsage = { days, firstSeenDay, evaluationDay: lastUsageDay + 1, lastActiveDay: lastUsageDay };
  const outcome = measureDeclineRemembered({ ...asOfLastUsage, usage });
  if (outcome.status === 'measured' && outcome.measurement.expected >= usage.minExpectedCount) return silenceBasisOfDecline(outcome.measurement.baseline);
  const shortest = measureDeclineRemembered({ ...asOfLastUsage, usage, shortestOnly: true });
  const earliestKnown = Math.max(firstSeenDay, days.startDay);
  // The range the decline test above read, so its sums serve here too.
  const longestWindowDays = Math.max(usage.recentWindowDays, usage.maxRecentWindowDays);
  const sumsOf = () => daySumsOf(days, Math.min(days.startDay, lastUsageDay - longestWindowDays + 1), lastUsageDay, usage);
  if (shortest.status === 'measured') {
    const basis = silenceBasisOfDecline(shortest.measurement.baseline);
    if (basis.total >= usage.minExpectedCount) return basis;
    const { windowFromDay } = shortest.measurement;
    const weeks = Math.floor((windowFromDay - earliestKnown) / 7);
    if (weeks * 7 <= basis.toDay - basis.fromDay + 1) return basis;
    return silenceBasisOfDecline(weekdayBaselineOf(sumsOf(), windowFromDay - 7 * weeks, windowFromDay - 1));
  }
  const weeks = Math.min(usage.baselineWeeks, Math.floor((lastUsageDay - earliestKnown) / 7));
  if (weeks < 1) return null;
  const fromDay = lastUsageDay - 7 * weeks;
  const toDay = lastUsageDay - 1;
  const sums = sumsOf();
  const baseline = weekdayBaselineOf(sums, fromDay, toDay);
  const total = totalOver(sums, fromDay, toDay);
  return { fromDay, toDay, weeks, ratesPerWeekday: baseline.ratesPerWeekday, dispersion: baseline.dispersion, total };
}

/**
 * The basis while a decline is open: the decline's frozen baseline, the customer's usual level
 * before it fell. A customer whose usage is already sinking is its own new normal neither for
 * the decline test nor for the silence test, so a declining customer who then stops is caught
 * on its usual rhythm. Pure.
 */
export function silenceBasisOfDecline(baseline: WeekdayBaseline): SilenceBasis {
  const total = baseline.ratesPerWeekday.reduce((sum, rate, weekday) => sum + rate * (baseline.daysPerWeekday?.[weekday] ?? baseline.days / 7), 0);
  return {
    fromDay: baseline.fromDay,
    toDay: baseline.toDay,
    weeks: Math.round((baseline.toDay - baseline.fromDay + 1) / 7),
    ratesPerWeekday: baseline.ratesPerWeekday,
    dispersion: baseline.dispersion,
    total,
  };
}
