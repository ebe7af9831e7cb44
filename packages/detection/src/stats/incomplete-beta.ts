import { continuedFraction } from './continued-fraction.ts';
import { logGamma } from './log-gamma.ts';

/**
 * Regularised incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. The continued
 * fraction converges fast for x < (a + 1)/(a + b + 2); beyond that the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) brings the argument back into that range. Pure.
 */
function logPrefactor(a: number, b: number, x: number): number {
  return logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
}

/** The fraction of I_x(a, b) = prefactor/a · 1/(1 + d1/(1 + d2/(1 + …))). */
function betaFraction(a: number, b: number, x: number): number {
  const fraction = continuedFraction(
    1,
    (n) => {
      const m = Math.floor(n / 2);
      return n % 2 === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    },
    () => 1,
  );
  return Math.exp(logPrefactor(a, b, x)) / (a * fraction);
}

export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta needs a, b > 0 and 0 <= x <= 1, got x=${x}, a=${a}, b=${b}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  return x < (a + 1) / (a + b + 2) ? betaFraction(a, b, x) : 1 - betaFraction(b, a, 1 - x);
}
