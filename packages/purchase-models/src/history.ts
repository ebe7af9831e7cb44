import { PurchaseModelError } from './errors.ts';

/**
 * What the models know of one customer at the end of a calibration period, in the model's time
 * unit (weeks or days; the same unit as the parameters' `alpha`).
 * Invariants: `frequency` is a whole number ≥ 0; 0 ≤ recency ≤ age; recency = 0 when frequency = 0.
 */
export interface PurchaseHistory {
  /** x: repeat purchases, i.e. distinct purchase days after the first. */
  readonly frequency: number;
  /** t_x: time from the first purchase to the last one. */
  readonly recency: number;
  /** T: time from the first purchase to the end of the calibration period. */
  readonly age: number;
}

/** What the spend model knows of one repeat customer: the mean value of the repeat purchases. */
export interface SpendHistory {
  /** x ≥ 1: how many repeat purchases the mean is taken over. */
  readonly frequency: number;
  /** Mean spend per repeat purchase, > 0, in the currency of the data. */
  readonly meanSpend: number;
}

export function checkPurchaseHistory(history: PurchaseHistory): void {
  const { frequency, recency, age } = history;
  const valid = Number.isInteger(frequency) && frequency >= 0 && Number.isFinite(age) && recency >= 0 && recency <= age && (frequency > 0 || recency === 0);
  if (!valid) {
    throw new PurchaseModelError(
      'PURCHASE_MODEL_DOMAIN',
      `not a purchase history: ${JSON.stringify(history)} (need whole frequency >= 0, 0 <= recency <= age, recency 0 when frequency 0)`,
    );
  }
}

export function checkSpendHistory(history: SpendHistory): void {
  if (!(Number.isInteger(history.frequency) && history.frequency >= 1 && history.meanSpend > 0 && Number.isFinite(history.meanSpend))) {
    throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `not a spend history: ${JSON.stringify(history)} (need whole frequency >= 1 and meanSpend > 0)`);
  }
}
