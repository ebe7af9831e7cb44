import { dayNumberOfInstant } from '../summary/calendar.ts';

/**
 * One customer's purchases, folded as they stream in; plain JSON so it can live in a changelog.
 * Days are UTC calendar days since 1970-01-01; purchases on the same day count as one purchase of
 * their summed value, as in the fitted summaries. Invariants: firstPurchaseDay ≤ lastPurchaseDay;
 * repeatPurchaseDays = 0 ⇔ first = last; spends ≥ 0.
 */
export interface RunningPurchaseSummary {
  readonly firstPurchaseDay: number;
  readonly lastPurchaseDay: number;
  /** Distinct purchase days after the first (the models' frequency x). */
  readonly repeatPurchaseDays: number;
  /** Total spend on the repeat days (the spend model's evidence). */
  readonly repeatSpend: number;
  /** Spend on the first day, which the spend model leaves out. */
  readonly firstDaySpend: number;
}

export interface PurchaseFact {
  /** Event time of the purchase, ms since the epoch. */
  readonly eventTimeMs: number;
  /** Amount spent, ≥ 0, in the model's currency. */
  readonly amount: number;
}

/**
 * Folds one purchase into the summary (undefined: the customer's first). Pure.
 * Late purchases are exact when they fall on the first or last purchase day or before the first
 * (the old first day then becomes a repeat day). A late purchase strictly between the first and
 * last day is counted as a new purchase day: the summary does not keep every day, so a second late
 * purchase on such a day is counted again.
 */
export function addPurchase(summary: RunningPurchaseSummary | undefined, purchase: PurchaseFact): RunningPurchaseSummary {
  const day = dayNumberOfInstant(purchase.eventTimeMs);
  const { amount } = purchase;
  if (summary === undefined) return { firstPurchaseDay: day, lastPurchaseDay: day, repeatPurchaseDays: 0, repeatSpend: 0, firstDaySpend: amount };
  if (day === summary.firstPurchaseDay) return { ...summary, firstDaySpend: summary.firstDaySpend + amount };
  if (day === summary.lastPurchaseDay) return { ...summary, repeatSpend: summary.repeatSpend + amount };
  if (day < summary.firstPurchaseDay) {
    return {
      firstPurchaseDay: day,
      lastPurchaseDay: summary.lastPurchaseDay,
      repeatPurchaseDays: summary.repeatPurchaseDays + 1,
      repeatSpend: summary.repeatSpend + summary.firstDaySpend,
      firstDaySpend: amount,
    };
  }
  return {
    ...summary,
    lastPurchaseDay: Math.max(day, summary.lastPurchaseDay),
    repeatPurchaseDays: summary.repeatPurchaseDays + 1,
    repeatSpend: summary.repeatSpend + amount,
  };
}
