import { describe, expect, it } from 'vitest';
import { Prng } from '../src/index.ts';

function draws(rng: Prng, count: number): number[] {
  return Array.from({ length: count }, () => rng.nextUint32());
}

describe('Prng', () => {
  it('repeats its sequence for the same seed and path', () => {
    expect(draws(Prng.create(42, 3, 9), 100)).toEqual(draws(Prng.create(42, 3, 9), 100));
  });

  it('gives different sequences for different seeds, paths and seeds beyond 32 bits', () => {
    const reference = draws(Prng.create(42), 8);
    for (const other of [Prng.create(43), Prng.create(42, 0), Prng.create(42, 1), Prng.create(42 + 2 ** 32)]) {
      expect(draws(other, 8)).not.toEqual(reference);
    }
  });

  it('draws uniform floats in [0, 1) with the mean and spread of a uniform distribution', () => {
    const rng = Prng.create(1);
    const values = Array.from({ length: 200_000 }, () => rng.next());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('fills every tenth of [0, 1) about equally (chi-square well under the 0.1% critical value)', () => {
    const rng = Prng.create(2024);
    const bins = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(rng.next() * 10)]++;
    const chiSquare = bins.reduce((total, observed) => total + (observed - n / 10) ** 2 / (n / 10), 0);
    expect(chiSquare).toBeLessThan(27.88);
  });

  it('never returns 0 or 1 from nextOpen', () => {
    const rng = Prng.create(5);
    const values = Array.from({ length: 100_000 }, () => rng.nextOpen());
    expect(values.every((value) => value > 0 && value < 1)).toBe(true);
  });
});
