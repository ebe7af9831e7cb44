import { describe, expect, it } from 'vitest';
import { choice, exponential, gamma, intBetween, negativeBinomial, normal, Prng, poisson, weightedIndex } from '../src/index.ts';
import { logFactorial } from '../src/random/distributions.ts';

function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, variance: values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) };
}

function sample(count: number, draw: (rng: Prng) => number, seed = 11): number[] {
  const rng = Prng.create(seed);
  return Array.from({ length: count }, () => draw(rng));
}

describe('distributions', () => {
  it.each([0.3, 4, 29.5, 30, 250, 10_000])('Poisson(%d) has mean and variance equal to its parameter', (mean) => {
    const values = sample(60_000, (rng) => poisson(rng, mean));
    const observed = moments(values);
    expect(values.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
    expect(Math.abs(observed.mean - mean)).toBeLessThan(5 * Math.sqrt(mean / values.length));
    expect(observed.variance / mean).toBeGreaterThan(0.96);
    expect(observed.variance / mean).toBeLessThan(1.04);
  });

  it('Poisson of a large mean puts the right mass on each value near the mode', () => {
    const mean = 100;
    const values = sample(200_000, (rng) => poisson(rng, mean));
    for (const k of [90, 100, 110]) {
      const expected = Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
      const observed = values.filter((value) => value === k).length / values.length;
      expect(Math.abs(observed - expected)).toBeLessThan(0.004);
    }
  });

  it.each([
    [0.5, 2],
    [3, 1.5],
    [20, 0.1],
  ])('gamma(shape %d, scale %d) has mean shape·scale and variance shape·scale²', (shape, scale) => {
    const observed = moments(sample(80_000, (rng) => gamma(rng, shape, scale)));
    expect(observed.mean / (shape * scale)).toBeCloseTo(1, 1);
    expect(observed.variance / (shape * scale * scale)).toBeGreaterThan(0.93);
    expect(observed.variance / (shape * scale * scale)).toBeLessThan(1.07);
  });

  it('negative binomial is overdispersed: variance = mean + mean² / dispersion', () => {
    const mean = 12;
    const dispersion = 3;
    const observed = moments(sample(80_000, (rng) => negativeBinomial(rng, mean, dispersion)));
    expect(observed.mean).toBeCloseTo(mean, 0);
    expect(observed.variance / (mean + (mean * mean) / dispersion)).toBeGreaterThan(0.93);
    expect(observed.variance / (mean + (mean * mean) / dispersion)).toBeLessThan(1.07);
  });

  it('exponential and normal have their means and spreads', () => {
    const exp = moments(sample(80_000, (rng) => exponential(rng, 4)));
    expect(exp.mean).toBeCloseTo(4, 1);
    expect(Math.sqrt(exp.variance)).toBeCloseTo(4, 0);
    const gauss = moments(sample(80_000, (rng) => normal(rng, 10, 2)));
    expect(gauss.mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(gauss.variance)).toBeCloseTo(2, 1);
  });

  it('intBetween covers both ends and nothing outside', () => {
    const values = new Set(sample(5_000, (rng) => intBetween(rng, -2, 3)));
    expect([...values].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('weightedIndex follows the weights and never picks a zero weight', () => {
    const weights = [1, 0, 3, 6];
    const counts = [0, 0, 0, 0];
    for (const index of sample(50_000, (rng) => weightedIndex(rng, weights))) counts[index]!++;
    expect(counts[1]).toBe(0);
    expect(counts[0]! / 50_000).toBeCloseTo(0.1, 1);
    expect(counts[3]! / 50_000).toBeCloseTo(0.6, 1);
  });

  it('choice rejects an empty list and weightedIndex all-zero weights', () => {
    const rng = Prng.create(1);
    expect(() => choice(rng, [])).toThrow(RangeError);
    expect(() => weightedIndex(rng, [0, 0])).toThrow(RangeError);
  });

  it('logFactorial agrees with summed logarithms on both sides of the table', () => {
    for (const k of [0, 1, 10, 255, 256, 1000, 5000]) {
      let exact = 0;
      for (let i = 2; i <= k; i++) exact += Math.log(i);
      expect(Math.abs(logFactorial(k) - exact)).toBeLessThan(1e-7 * Math.max(1, exact));
    }
  });
});
