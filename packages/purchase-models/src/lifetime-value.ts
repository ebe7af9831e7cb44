import { expectedPurchasesCurve } from './bgnbd/expected-purchases.ts';
import type { BgNbdParameters } from './bgnbd/parameters.ts';
import { PurchaseModelError } from './errors.ts';
import type { PurchaseHistory } from './history.ts';

export interface LifetimeValueOptions {
  /** How far ahead to count, in the model's time unit, > 0. */
  readonly horizon: number;
  /** Yearly discount rate d ≥ 0, e.g. 0.1 for 10 % a year. */
  readonly annualDiscountRate: number;
  /** Length of a year in the model's time unit (365.2425 for days, 52.1775 for weeks). */
  readonly unitsPerYear: number;
  /** Discounting periods per year; 12 (monthly) unless given. */
  readonly periodsPerYear?: number;
}

/**
 * Discounted expected revenue of a customer over the next `horizon`:
 *
 *   CLV = E[Z | spend] · Σₖ₌₁ⁿ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) · (1 + d)^(−tₖ / year),  tₖ = k · horizon / n,
 *
 * where E[Y(t)] is the BG/NBD conditional expectation of purchases in the next t, E[Z | spend] the
 * Gamma-Gamma expected order value (`expectedOrderValue`), and n the number of discounting periods
 * in the horizon (monthly by default). Purchases expected within a period are discounted from the
 * period's end. Multiplying count by value uses the Gamma-Gamma assumption that spend is
 * independent of the purchase process. It is revenue: apply a margin to get profit. With d = 0 it is
 * E[Z] · E[Y(horizon)]. Pure.
 */
export function customerLifetimeValue(bgnbd: BgNbdParameters, history: PurchaseHistory, expectedOrderValue: number, options: LifetimeValueOptions): number {
  const { horizon, annualDiscountRate, unitsPerYear } = options;
  const periodsPerYear = options.periodsPerYear ?? 12;
  if (!(horizon > 0 && annualDiscountRate >= 0 && unitsPerYear > 0 && periodsPerYear > 0 && Number.isFinite(horizon))) {
    throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `CLV needs horizon > 0, annualDiscountRate >= 0, unitsPerYear > 0 (got ${JSON.stringify(options)})`);
  }
  const periods = Math.max(1, Math.ceil((horizon / unitsPerYear) * periodsPerYear));
  const ends = Array.from({ length: periods }, (_, index) => ((index + 1) * horizon) / periods);
  const cumulative = expectedPurchasesCurve(bgnbd, history, ends);
  let value = 0;
  for (let period = 0; period < periods; period += 1) {
    const inPeriod = cumulative[period]! - (period === 0 ? 0 : cumulative[period - 1]!);
    value += inPeriod * (1 + annualDiscountRate) ** (-ends[period]! / unitsPerYear);
  }
  return expectedOrderValue * value;
}
