import type { PurchaseHistory } from '../history.ts';
import { DAYS_PER_UNIT, type TimeUnit } from '../units.ts';

/** One purchase as read from a source: a customer, the UTC calendar day, the amount spent. */
export interface PurchaseRow {
  readonly customerId: string;
  /** Days since 1970-01-01 (see calendar.ts). */
  readonly day: number;
  /** Amount spent, in the data's currency. */
  readonly amount: number;
}

/** A customer's calibration history (in `unit`) and spend. */
export interface CustomerSummary extends PurchaseHistory {
  readonly customerId: string;
  /** Mean spend of a repeat purchase day (the first day excluded); 0 when frequency is 0. */
  readonly meanSpend: number;
  /** Spend on the first purchase day, kept apart because the spend model excludes it. */
  readonly firstDaySpend: number;
  /**
   * How regular the customer's buying is: the coefficient of variation (sample standard deviation
   * over mean) of the days between its purchase days; null with fewer than three purchase days.
   */
  readonly gapVariation: number | null;
}

/** The coefficient of variation of the intervals between ordered days; null below two intervals. */
export function gapVariationOf(orderedDays: readonly number[]): number | null {
  if (orderedDays.length < 3) return null;
  const gaps = orderedDays.slice(1).map((day, i) => day - orderedDays[i]!);
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  const variance = gaps.reduce((sum, gap) => sum + (gap - mean) ** 2, 0) / (gaps.length - 1);
  return Math.sqrt(variance) / mean;
}

export interface SummaryOptions {
  /** Last day included in calibration (day number). */
  readonly calibrationEndDay: number;
  readonly unit: TimeUnit;
}

/** Spend per purchase day, per customer, for rows on or before `lastDay`; same-day purchases are merged. */
function spendPerDay(rows: Iterable<PurchaseRow>, lastDay: number): Map<string, Map<number, number>> {
  const customers = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (row.day > lastDay) continue;
    let days = customers.get(row.customerId);
    if (!days) {
      days = new Map();
      customers.set(row.customerId, days);
    }
    days.set(row.day, (days.get(row.day) ?? 0) + row.amount);
  }
  return customers;
}

/**
 * Per-customer (frequency, recency, age, mean spend) at the end of calibration, as the literature
 * builds them: purchases on the same day count as one purchase of their summed value; frequency is
 * the number of purchase days after the first; recency and age run from the first purchase day to
 * the last purchase day and to the calibration end day. Customers whose first purchase falls after
 * the calibration end are not yet customers and are left out. Output follows first appearance in
 * `rows`. Pure.
 */
export function summarisePurchases(rows: Iterable<PurchaseRow>, options: SummaryOptions): CustomerSummary[] {
  const unitDays = DAYS_PER_UNIT[options.unit];
  const summaries: CustomerSummary[] = [];
  for (const [customerId, days] of spendPerDay(rows, options.calibrationEndDay)) {
    const ordered = [...days.keys()].sort((left, right) => left - right);
    const first = ordered[0]!;
    const last = ordered[ordered.length - 1]!;
    const frequency = ordered.length - 1;
    const repeatSpend = ordered.slice(1).reduce((total, day) => total + days.get(day)!, 0);
    summaries.push({
      customerId,
      frequency,
      recency: (last - first) / unitDays,
      age: (options.calibrationEndDay - first) / unitDays,
      meanSpend: frequency === 0 ? 0 : repeatSpend / frequency,
      firstDaySpend: days.get(first)!,
      gapVariation: gapVariationOf(ordered),
    });
  }
  return summaries;
}

/** Distinct purchase days per customer in (afterDay, throughDay]: the holdout purchase counts. Pure. */
export function countPurchaseDays(rows: Iterable<PurchaseRow>, afterDay: number, throughDay: number): Map<string, number> {
  const days = new Map<string, Set<number>>();
  for (const row of rows) {
    if (row.day <= afterDay || row.day > throughDay) continue;
    let set = days.get(row.customerId);
    if (!set) {
      set = new Set();
      days.set(row.customerId, set);
    }
    set.add(row.day);
  }
  return new Map([...days].map(([customerId, set]) => [customerId, set.size]));
}
