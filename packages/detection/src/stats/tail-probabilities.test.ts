import { describe, expect, it } from 'vitest';
import { regularizedBeta } from './incomplete-beta.ts';
import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.ts';
import { logGamma } from './log-gamma.ts';
import { negativeBinomialLowerTail } from './negative-binomial.ts';
import { poissonLowerTail } from './poisson.ts';

// Reference values: SciPy 1.17 (scipy.stats.poisson.cdf, scipy.stats.nbinom.cdf with n = size,
// p = size/(size + mean)) and closed forms where one exists.
describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 10);
  });
});

describe('regularised incomplete functions', () => {
  it('P and Q are complements and match the exponential case P(1, x) = 1 − e^−x', () => {
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(regularizedGammaP(3, 7) + regularizedGammaQ(3, 7)).toBeCloseTo(1, 14);
  });
  it('I_x(1, 1) = x and I_x(a, 1) = x^a', () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.6, 2.5, 1)).toBeCloseTo(0.6 ** 2.5, 14);
  });
});

describe('poissonLowerTail', () => {
  it.each([
    [2, 5, 0.12465201948308108],
    [0, 3, 0.04978706836786395],
    [10, 10, 0.5830397501929852],
    [50, 80, 0.0002154805664879084],
    [3, 0.5, 0.9982483774437092],
  ])('P(X ≤ %i | mean %d) = %d', (k, mean, expected) => {
    expect(poissonLowerTail(k, mean)).toBeCloseTo(expected, 13);
  });
  it('stays accurate for counts in the millions', () => {
    expect(poissonLowerTail(990_000, 1_000_000) / 6.477757015289874e-24).toBeCloseTo(1, 8);
  });
  it('is 1 when nothing is expected and rejects a fractional count', () => {
    expect(poissonLowerTail(0, 0)).toBe(1);
    expect(() => poissonLowerTail(1.5, 3)).toThrow(RangeError);
  });
});

describe('negativeBinomialLowerTail', () => {
  it.each([
    [2, 5, 2, 0.32319866722199075],
    [10, 10, 1, 0.6495061005186076],
    [60, 100, 5.5, 0.18259011150435545],
    [50, 80, 50, 0.012389623537622095],
    [0, 4, 0.5, 1 / 3],
    [900, 1000, 2000, 0.004399507210258258],
  ])('P(X ≤ %i | mean %d, size %d) = %d', (k, mean, size, expected) => {
    expect(negativeBinomialLowerTail(k, mean, size)).toBeCloseTo(expected, 12);
  });
  it('stays accurate for the large sizes of nearly Poisson data', () => {
    expect(negativeBinomialLowerTail(50, 80, 1e5) / 0.00021649863178189018).toBeCloseTo(1, 8);
    expect(negativeBinomialLowerTail(50, 80, 1e6) / 0.0002155822194524704).toBeCloseTo(1, 7);
  });
});
