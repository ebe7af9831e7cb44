/**
 * Evaluates b0 + a1/(b1 + a2/(b2 + …)) by the modified Lentz method, where `numerator(n)` is a_n
 * and `denominator(n)` is b_n for n ≥ 1 (two functions returning numbers, not a pair: the
 * p-values run this loop for every window tested, and a pair per term was garbage). Stops when a
 * step changes the value by less than `relativeTolerance`. Pure; throws only when it fails to
 * converge, which for the incomplete gamma and beta functions means arguments far outside what
 * churn detection produces.
 */
const TINY = 1e-300;

export function continuedFraction(
  b0: number,
  numerator: (n: number) => number,
  denominator: (n: number) => number,
  relativeTolerance = 1e-15,
  maxTerms = 100_000,
): number {
  let value = b0 === 0 ? TINY : b0;
  let c = value;
  let d = 0;
  for (let n = 1; n <= maxTerms; n++) {
    const a = numerator(n);
    const b = denominator(n);
    d = b + a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = c * d;
    value *= step;
    if (Math.abs(step - 1) < relativeTolerance) return value;
  }
  throw new RangeError(`continued fraction did not converge in ${maxTerms} terms`);
}
