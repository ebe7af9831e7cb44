import { expectedPurchases } from '../bgnbd/expected-purchases.ts';
import { probabilityAlive, probabilityNoPurchase } from '../bgnbd/posterior.ts';
import { expectedMeanSpend } from '../gamma-gamma/expected-spend.ts';
import type { PurchaseHistory } from '../history.ts';
import { customerLifetimeValue } from '../lifetime-value.ts';
import type { PurchaseModelParameters } from '../parameters-file.ts';
import { DAYS_PER_UNIT, DAYS_PER_YEAR, MS_PER_DAY } from '../units.ts';
import type { RunningPurchaseSummary } from './running-summary.ts';

/**
 * What the fitted models say about one customer at an instant, for the stream processors. Every
 * function is pure: `nowMs` (ms since the epoch, event or stream time) is an argument, horizons are
 * in days whatever unit the models were fitted in, money is in the models' currency.
 */

/**
 * The summary as a model history at `nowMs`: recency in whole days from the first to the last
 * purchase day, age from the start of the first purchase day to `nowMs` (never less than the
 * recency, so a clock behind the last event cannot break the model's invariant).
 */
export function historyAt(model: Pick<PurchaseModelParameters, 'unit'>, summary: RunningPurchaseSummary, nowMs: number): PurchaseHistory {
  const unitDays = DAYS_PER_UNIT[model.unit];
  const recencyDays = summary.lastPurchaseDay - summary.firstPurchaseDay;
  const ageDays = Math.max(recencyDays, nowMs / MS_PER_DAY - summary.firstPurchaseDay);
  return { frequency: summary.repeatPurchaseDays, recency: recencyDays / unitDays, age: ageDays / unitDays };
}

/** P(the customer is still alive at `nowMs`). */
export function probabilityAliveAt(model: PurchaseModelParameters, summary: RunningPurchaseSummary, nowMs: number): number {
  return probabilityAlive(model.bgnbd, historyAt(model, summary, nowMs));
}

/** P(no purchase in the next `horizonDays` after `nowMs`): the lapse risk over that window. */
export function probabilityNoPurchaseWithin(model: PurchaseModelParameters, summary: RunningPurchaseSummary, nowMs: number, horizonDays: number): number {
  return probabilityNoPurchase(model.bgnbd, historyAt(model, summary, nowMs), horizonDays / DAYS_PER_UNIT[model.unit]);
}

/** Expected purchase days in the next `horizonDays` after `nowMs`. */
export function expectedPurchasesWithin(model: PurchaseModelParameters, summary: RunningPurchaseSummary, nowMs: number, horizonDays: number): number {
  return expectedPurchases(model.bgnbd, historyAt(model, summary, nowMs), horizonDays / DAYS_PER_UNIT[model.unit]);
}

/**
 * Expected value of the customer's future purchase days (Gamma-Gamma; the population mean before
 * any repeat); undefined when the parameters carry no spend model.
 */
export function expectedOrderValue(model: PurchaseModelParameters, summary: RunningPurchaseSummary): number | undefined {
  if (model.gammaGamma === undefined) return undefined;
  const frequency = summary.repeatPurchaseDays;
  return expectedMeanSpend(model.gammaGamma, frequency, frequency === 0 ? 0 : summary.repeatSpend / frequency);
}

/**
 * Discounted expected revenue over the next `horizonDays` (see customerLifetimeValue for the
 * formula); undefined when the parameters carry no spend model.
 */
export function lifetimeValueWithin(
  model: PurchaseModelParameters,
  summary: RunningPurchaseSummary,
  nowMs: number,
  horizonDays: number,
  annualDiscountRate: number,
): number | undefined {
  const orderValue = expectedOrderValue(model, summary);
  if (orderValue === undefined) return undefined;
  const unitDays = DAYS_PER_UNIT[model.unit];
  return customerLifetimeValue(model.bgnbd, historyAt(model, summary, nowMs), orderValue, {
    horizon: horizonDays / unitDays,
    annualDiscountRate,
    unitsPerYear: DAYS_PER_YEAR / unitDays,
  });
}

export interface PurchaseOutlook {
  readonly probabilityAlive: number;
  /** Over the next `horizonDays`. */
  readonly probabilityNoPurchase: number;
  readonly expectedPurchases: number;
  /** Undefined without a spend model. */
  readonly expectedOrderValue: number | undefined;
  /** Undefined without a spend model. */
  readonly lifetimeValue: number | undefined;
}

/** All of the above at once, for one horizon. */
export function purchaseOutlook(
  model: PurchaseModelParameters,
  summary: RunningPurchaseSummary,
  nowMs: number,
  options: { readonly horizonDays: number; readonly annualDiscountRate: number },
): PurchaseOutlook {
  return {
    probabilityAlive: probabilityAliveAt(model, summary, nowMs),
    probabilityNoPurchase: probabilityNoPurchaseWithin(model, summary, nowMs, options.horizonDays),
    expectedPurchases: expectedPurchasesWithin(model, summary, nowMs, options.horizonDays),
    expectedOrderValue: expectedOrderValue(model, summary),
    lifetimeValue: lifetimeValueWithin(model, summary, nowMs, options.horizonDays, options.annualDiscountRate),
  };
}
