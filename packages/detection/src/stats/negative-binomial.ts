import { regularizedBeta } from './incomplete-beta.ts';

/**
 * P(X ≤ k) for a negative binomial X with the given mean and size r (also called the dispersion
 * parameter: variance = mean + mean²/r; r → ∞ is the Poisson). With p = r/(r + mean),
 * P(X ≤ k) = I_p(r, k + 1). `k` is a whole number ≥ 0, mean ≥ 0, size > 0. Pure.
 */
export function negativeBinomialLowerTail(k: number, mean: number, size: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`negativeBinomialLowerTail needs a whole k >= 0, got ${k}`);
  if (!(mean >= 0)) throw new RangeError(`negativeBinomialLowerTail needs mean >= 0, got ${mean}`);
  if (!(size > 0) || !Number.isFinite(size)) throw new RangeError(`negativeBinomialLowerTail needs a finite size > 0, got ${size}`);
  if (mean === 0) return 1;
  return regularizedBeta(size / (size + mean), size, k + 1);
}
