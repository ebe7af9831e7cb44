import { regularizedGammaQ } from './incomplete-gamma.ts';

/**
 * P(X ≤ k) for X ~ Poisson(mean), k a whole number ≥ 0, mean ≥ 0. Uses the identity
 * P(X ≤ k) = Q(k + 1, mean), which stays exact and fast for counts in the millions. Pure.
 */
export function poissonLowerTail(k: number, mean: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`poissonLowerTail needs a whole k >= 0, got ${k}`);
  if (!(mean >= 0)) throw new RangeError(`poissonLowerTail needs mean >= 0, got ${mean}`);
  if (mean === 0) return 1;
  return regularizedGammaQ(k + 1, mean);
}
