import { describe, expect, it } from 'vitest';
import { simulateBgNbd } from '../../test/simulate.ts';
import type { PurchaseHistory } from '../history.ts';
import { logHypergeometric2F1 } from '../special/hypergeometric.ts';
import { purchaseCountProbability } from './count-distribution.ts';
import { expectedPurchases, expectedPurchasesCurve, expectedPurchasesNewCustomer } from './expected-purchases.ts';
import { fitBgNbd } from './fit.ts';
import { bgnbdLogLikelihood } from './log-likelihood.ts';
import type { BgNbdParameters } from './parameters.ts';
import { probabilityAlive, probabilityNoPurchase } from './posterior.ts';

const cdnow: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const loyal: BgNbdParameters = { r: 1.8, alpha: 12, a: 2.5, b: 9 };
const churny: BgNbdParameters = { r: 0.6, alpha: 3, a: 0.4, b: 0.45 };

/** FHL 2005 eq. 10 as published, with ₂F₁ and the division by a − 1 (valid here: a ≠ 1, a + b + x > 1). */
function publishedConditionalExpectation(parameters: BgNbdParameters, history: PurchaseHistory, t: number): number {
  const { r, alpha, a, b } = parameters;
  const { frequency: x, recency, age } = history;
  const z = t / (alpha + age + t);
  const hypergeometric = Math.exp((r + x) * Math.log((alpha + age) / (alpha + age + t)) + logHypergeometric2F1(r + x, b + x, a + b + x - 1, z));
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - hypergeometric);
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + age) / (alpha + recency)) ** (r + x) : 0);
  return numerator / denominator;
}

describe('BG/NBD forecasts', () => {
  it('agree with the published ₂F₁ formula for the conditional expectation', () => {
    const histories: PurchaseHistory[] = [
      { frequency: 0, recency: 0, age: 38.86 },
      { frequency: 2, recency: 30.43, age: 38.86 },
      { frequency: 7, recency: 35, age: 36 },
      { frequency: 1, recency: 2, age: 30 },
    ];
    for (const parameters of [cdnow, loyal]) {
      for (const history of histories) {
        for (const t of [1, 39, 104]) {
          const published = publishedConditionalExpectation(parameters, history, t);
          expect(Math.abs(expectedPurchases(parameters, history, t) - published)).toBeLessThan(1e-10 * Math.max(1, published));
        }
      }
    }
  });

  it('make E[X(t)] of a new customer the mean of the purchase-count distribution, which sums to 1', () => {
    for (const parameters of [cdnow, loyal, churny]) {
      for (const t of [5, 39, 78]) {
        let total = 0;
        let mean = 0;
        for (let count = 0; count < 1200; count += 1) {
          const probability = purchaseCountProbability(parameters, count, t);
          total += probability;
          mean += count * probability;
        }
        expect(Math.abs(total - 1)).toBeLessThan(1e-9);
        expect(Math.abs(mean - expectedPurchasesNewCustomer(parameters, t))).toBeLessThan(1e-7);
      }
    }
  });

  it('treat a new customer as one with x = t_x = T = 0', () => {
    for (const parameters of [cdnow, churny]) {
      expect(expectedPurchases(parameters, { frequency: 0, recency: 0, age: 0 }, 39)).toBeCloseTo(expectedPurchasesNewCustomer(parameters, 39), 12);
      expect(probabilityNoPurchase(parameters, { frequency: 0, recency: 0, age: 0 }, 39)).toBeCloseTo(purchaseCountProbability(parameters, 0, 39), 12);
    }
  });

  it('are continuous through a = 1, where the published formula divides 0 by 0', () => {
    const history = { frequency: 3, recency: 20, age: 30 };
    const at = (a: number) => expectedPurchases({ ...loyal, a }, history, 52);
    const atOne = at(1);
    expect(Number.isFinite(atOne)).toBe(true);
    expect(Math.abs(atOne - (at(1 - 1e-6) + at(1 + 1e-6)) / 2)).toBeLessThan(1e-9);
  });

  it('work where a + b ≤ 1, outside the published formula’s domain', () => {
    const expected = expectedPurchasesNewCustomer(churny, 39);
    expect(expected).toBeGreaterThan(0);
    expect(expectedPurchasesNewCustomer(churny, 78)).toBeGreaterThan(expected);
  });

  it('give along a curve the same values as one horizon at a time', () => {
    const history = { frequency: 1, recency: 3, age: 5 };
    const horizons = [0, 0.25, 1, 1, 10, 39, 520, 5200];
    const curve = expectedPurchasesCurve(cdnow, history, horizons);
    horizons.forEach((horizon, index) => {
      expect(Math.abs(curve[index]! - expectedPurchases(cdnow, history, horizon))).toBeLessThan(1e-12 * Math.max(1, curve[index]!));
    });
    expect(() => expectedPurchasesCurve(cdnow, history, [5, 4])).toThrow(/ascending/);
  });

  it('grow with the horizon from 0', () => {
    const history = { frequency: 2, recency: 30.43, age: 38.86 };
    expect(expectedPurchases(cdnow, history, 0)).toBe(0);
    let previous = 0;
    for (const t of [0.5, 5, 39, 200, 2000]) {
      const value = expectedPurchases(cdnow, history, t);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });
});

describe('BG/NBD posterior', () => {
  it('keeps a customer without repeat purchases alive with probability 1', () => {
    expect(probabilityAlive(cdnow, { frequency: 0, recency: 0, age: 50 })).toBe(1);
  });

  it('lowers P(alive) the longer a customer has been silent, and for frequent buyers faster', () => {
    const silence = (frequency: number, age: number) => probabilityAlive(cdnow, { frequency, recency: 10, age });
    expect(silence(2, 12)).toBeGreaterThan(silence(2, 30));
    expect(silence(2, 30)).toBeGreaterThan(silence(2, 60));
    expect(silence(8, 30)).toBeLessThan(silence(2, 30));
    expect(silence(2, 10)).toBeCloseTo(1 / (1 + cdnow.a / (cdnow.b + 1)), 12);
  });

  it('gives P(no purchase) = 1 over no time and falls with the horizon towards 1 − P(alive)', () => {
    const history = { frequency: 4, recency: 20, age: 38 };
    expect(probabilityNoPurchase(cdnow, history, 0)).toBe(1);
    expect(probabilityNoPurchase(cdnow, history, 10)).toBeGreaterThan(probabilityNoPurchase(cdnow, history, 50));
    expect(probabilityNoPurchase(cdnow, history, 1e9)).toBeCloseTo(1 - probabilityAlive(cdnow, history), 3);
  });

  it('rejects a history that breaks its invariants', () => {
    expect(() => probabilityAlive(cdnow, { frequency: 1, recency: 5, age: 4 })).toThrow(/not a purchase history/);
    expect(() => probabilityAlive(cdnow, { frequency: 0, recency: 2, age: 4 })).toThrow(/recency 0 when frequency 0/);
    expect(() => probabilityAlive(cdnow, { frequency: 1.5, recency: 2, age: 4 })).toThrow(/whole frequency/);
  });
});

describe('BG/NBD likelihood and fit', () => {
  it('gives a customer without repeat purchases the likelihood P(X(T) = 0)', () => {
    for (const age of [0.5, 12, 38.86]) {
      expect(Math.exp(bgnbdLogLikelihood(cdnow, { frequency: 0, recency: 0, age }))).toBeCloseTo(purchaseCountProbability(cdnow, 0, age), 13);
    }
  });

  it('integrates over the last purchase time to P(X(T) = x)', () => {
    // The likelihood is a density in t_x for x ≥ 1 except for the atom of living customers; integrate
    // it numerically (midpoint rule) over 0 < t_x < T and compare with the count distribution.
    const age = 20;
    for (const x of [1, 3]) {
      const steps = 200_000;
      let integral = 0;
      for (let step = 0; step < steps; step += 1) {
        const recency = ((step + 0.5) * age) / steps;
        // The density of (x purchases, last at t_x) is the likelihood times t_x^(x−1)/(x−1)!, the
        // volume of purchase times below t_x; the likelihood itself is per ordered purchase times.
        let volume = 1;
        for (let k = 1; k < x; k += 1) volume *= recency / k;
        integral += Math.exp(bgnbdLogLikelihood(cdnow, { frequency: x, recency, age })) * volume * (age / steps);
      }
      expect(integral).toBeCloseTo(purchaseCountProbability(cdnow, x, age), 6);
    }
  });

  it('recovers the parameters of customers simulated from the model, at a maximum of the likelihood', () => {
    const truth: BgNbdParameters = { r: 0.5, alpha: 6, a: 0.9, b: 3 };
    const ages = Array.from({ length: 4000 }, (_, index) => 26 + (index % 14));
    const histories = simulateBgNbd(truth, ages, 20_050_101);
    const fit = fitBgNbd(histories);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.parameters.r / truth.r - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.parameters.alpha / truth.alpha - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.parameters.a / truth.a - 1)).toBeLessThan(0.35);
    expect(Math.abs(fit.parameters.b / truth.b - 1)).toBeLessThan(0.35);
    const total = (parameters: BgNbdParameters) => histories.reduce((sum, history) => sum + bgnbdLogLikelihood(parameters, history), 0);
    expect(fit.logLikelihood).toBeCloseTo(total(fit.parameters), 6);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) expect(total({ ...fit.parameters, [name]: fit.parameters[name] * factor })).toBeLessThan(fit.logLikelihood);
    }
  });

  it('finds no dropout in customers who never drop out, and their purchase rate', () => {
    const truth: BgNbdParameters = { r: 50, alpha: 100, a: 1e-9, b: 1e6 };
    const fit = fitBgNbd(
      simulateBgNbd(
        truth,
        Array.from({ length: 300 }, () => 30),
        7,
      ),
    );
    expect(fit.parameters.a / (fit.parameters.a + fit.parameters.b)).toBeLessThan(1e-6);
    expect(Math.abs(fit.parameters.r / fit.parameters.alpha / (truth.r / truth.alpha) - 1)).toBeLessThan(0.05);
  });

  it('does not depend on the time unit except through alpha', () => {
    const weeks: PurchaseHistory[] = [
      { frequency: 0, recency: 0, age: 30 },
      { frequency: 0, recency: 0, age: 12 },
      { frequency: 1, recency: 3, age: 30 },
      { frequency: 3, recency: 25, age: 28 },
      { frequency: 2, recency: 5, age: 31 },
      { frequency: 6, recency: 29, age: 30 },
    ];
    const days = weeks.map((history) => ({ ...history, recency: history.recency * 7, age: history.age * 7 }));
    const inWeeks = fitBgNbd(weeks).parameters;
    const inDays = fitBgNbd(days).parameters;
    expect(inDays.r).toBeCloseTo(inWeeks.r, 3);
    expect(inDays.alpha / 7).toBeCloseTo(inWeeks.alpha, 2);
    expect(inDays.a).toBeCloseTo(inWeeks.a, 3);
    expect(inDays.b).toBeCloseTo(inWeeks.b, 3);
  });
});
