import type { PurchaseHistory } from '../history.ts';
import { purchaseCountProbability } from './count-distribution.ts';
import type { BgNbdParameters } from './parameters.ts';

export interface FrequencyRow {
  /** Repeat purchases in calibration: "0" … "6", then "7+". */
  readonly frequency: string;
  /** Customers observed with that many. */
  readonly actual: number;
  /** Customers the model expects with that many, given each customer's age: Σᵢ P(X(Tᵢ) = x). */
  readonly expected: number;
}

/**
 * How well the fitted model reproduces the calibration histogram of repeat purchases (FHL 2005
 * fig. 2): the standard goodness-of-fit check. Ages are grouped so that the one-off buyers of the
 * same week cost one evaluation. Pure.
 */
export function frequencyFit(parameters: BgNbdParameters, histories: readonly PurchaseHistory[], pooledFrom = 7): FrequencyRow[] {
  const actual = new Array<number>(pooledFrom + 1).fill(0);
  const ages = new Map<number, number>();
  for (const history of histories) {
    actual[Math.min(history.frequency, pooledFrom)]! += 1;
    ages.set(history.age, (ages.get(history.age) ?? 0) + 1);
  }
  const expected = new Array<number>(pooledFrom + 1).fill(0);
  for (const [age, customers] of ages) {
    let below = 0;
    for (let count = 0; count < pooledFrom; count += 1) {
      const probability = purchaseCountProbability(parameters, count, age);
      expected[count]! += customers * probability;
      below += probability;
    }
    expected[pooledFrom]! += customers * Math.max(0, 1 - below);
  }
  return actual.map((observed, count) => ({
    frequency: count === pooledFrom ? `${pooledFrom}+` : String(count),
    actual: observed,
    expected: expected[count]!,
  }));
}
