import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './bgnbd/expected-purchases.ts';
import type { BgNbdParameters } from './bgnbd/parameters.ts';
import { customerLifetimeValue } from './lifetime-value.ts';

const bgnbd: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const history = { frequency: 2, recency: 30.43, age: 38.86 };
const weeksPerYear = 365.2425 / 7;

describe('customerLifetimeValue', () => {
  it('is order value times expected purchases when nothing is discounted', () => {
    const value = customerLifetimeValue(bgnbd, history, 35, { horizon: 104, annualDiscountRate: 0, unitsPerYear: weeksPerYear });
    expect(value).toBeCloseTo(35 * expectedPurchases(bgnbd, history, 104), 9);
  });

  it('discounts: a higher rate gives a lower value, bounded below by discounting everything from the horizon', () => {
    const at = (annualDiscountRate: number) => customerLifetimeValue(bgnbd, history, 35, { horizon: 104, annualDiscountRate, unitsPerYear: weeksPerYear });
    expect(at(0.1)).toBeLessThan(at(0));
    expect(at(0.3)).toBeLessThan(at(0.1));
    expect(at(0.1)).toBeGreaterThan(at(0) * 1.1 ** (-104 / weeksPerYear));
  });

  it('discounts one-period horizons from the period’s end', () => {
    const value = customerLifetimeValue(bgnbd, history, 10, { horizon: 52, annualDiscountRate: 0.2, unitsPerYear: 52, periodsPerYear: 1 });
    expect(value).toBeCloseTo((10 * expectedPurchases(bgnbd, history, 52)) / 1.2, 10);
  });

  it('rejects a horizon or rate outside its domain', () => {
    expect(() => customerLifetimeValue(bgnbd, history, 10, { horizon: 0, annualDiscountRate: 0.1, unitsPerYear: 52 })).toThrow(/horizon > 0/);
    expect(() => customerLifetimeValue(bgnbd, history, 10, { horizon: 5, annualDiscountRate: -0.1, unitsPerYear: 52 })).toThrow(/annualDiscountRate >= 0/);
  });
});
