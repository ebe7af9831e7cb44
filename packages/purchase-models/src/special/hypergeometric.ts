import { PurchaseModelError } from '../errors.ts';

/** Hard stop for the series; reached only when z is within about 1e-5 of 1. */
const MAX_TERMS = 1_000_000;
/** Relative size of the bounded remaining tail at which the sum is taken as converged. */
const RELATIVE_TOLERANCE = 1e-16;
/** Partial sums are rescaled past this size so that 2F1 far above the double range still has a finite log. */
const RESCALE_ABOVE = 1e200;

/**
 * ln ₂F₁(a, b; c; z) by its Gauss series, for a, b, c > 0 and 0 ≤ z < 1: every term is positive,
 * so nothing cancels and the result has full relative precision. Convergence slows as z → 1
 * (the ratio of terms tends to z); past a million terms it throws rather than return a guess.
 * Pure.
 */
export function logHypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) {
    throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `2F1 series needs a, b, c > 0 and 0 <= z < 1 (got a=${a}, b=${b}, c=${c}, z=${z})`);
  }
  let logScale = 0;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n += 1) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (sum > RESCALE_ABOVE) {
      term /= RESCALE_ABOVE;
      sum /= RESCALE_ABOVE;
      logScale += Math.log(RESCALE_ABOVE);
    }
    // The ratio of terms moves monotonically towards z for large n, so the larger of the two bounds
    // every later ratio and the tail by a geometric series.
    const bound = Math.max(ratio, z);
    if (bound < 1 && (term * bound) / (1 - bound) <= RELATIVE_TOLERANCE * sum) return logScale + Math.log(sum);
  }
  throw new PurchaseModelError('PURCHASE_MODEL_NOT_CONVERGED', `2F1 series did not converge in ${MAX_TERMS} terms (z=${z} is too close to 1)`, { a, b, c, z });
}
