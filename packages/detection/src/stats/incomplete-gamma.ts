import { continuedFraction } from './continued-fraction.ts';
import { logGamma } from './log-gamma.ts';

/**
 * Regularised incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x) for
 * a > 0, x ≥ 0. The power series converges fast for x < a + 1, the continued fraction for
 * x ≥ a + 1; each is used where it is fast and the other value is its complement. Pure.
 */
const MAX_SERIES_TERMS = 100_000;

function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

/** P(a, x) by its power series; for x < a + 1. */
function lowerBySeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n <= MAX_SERIES_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) return sum * Math.exp(logPrefactor(a, x));
  }
  throw new RangeError(`incomplete gamma series did not converge for a=${a}, x=${x}`);
}

/** Q(a, x) by its continued fraction (Legendre's form); for x ≥ a + 1. */
function upperByContinuedFraction(a: number, x: number): number {
  // Q = e^{-x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …)))
  const fraction = continuedFraction(
    x + 1 - a,
    (n) => -n * (n - a),
    (n) => x + 2 * n + 1 - a,
  );
  return Math.exp(logPrefactor(a, x)) / fraction;
}

function check(a: number, x: number): void {
  if (!(a > 0) || !(x >= 0) || !Number.isFinite(a) || !Number.isFinite(x)) throw new RangeError(`incomplete gamma needs a > 0 and x >= 0, got a=${a}, x=${x}`);
}

export function regularizedGammaP(a: number, x: number): number {
  check(a, x);
  if (x === 0) return 0;
  return x < a + 1 ? lowerBySeries(a, x) : 1 - upperByContinuedFraction(a, x);
}

export function regularizedGammaQ(a: number, x: number): number {
  check(a, x);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - lowerBySeries(a, x) : upperByContinuedFraction(a, x);
}
