import type { PurchaseHistory } from '../history.ts';
import { logAddExp } from '../special/log-add-exp.ts';
import { logBeta, logGamma } from '../special/log-gamma.ts';
import type { BgNbdParameters } from './parameters.ts';

/**
 * ln L(r, alpha, a, b | x, t_x, T), FHL 2005 eq. 6, evaluated in logs:
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) alpha^r / Γ(r) · [ (alpha+T)^−(r+x) + [x>0] a/(b+x−1) · (alpha+t_x)^−(r+x) ]
 * (the second term uses B(a+1, b+x−1) = B(a, b+x) · a/(b+x−1)). It splits into a part that
 * depends on x alone, where all the gamma functions are, and a cheap part in t_x and T; a fit
 * computes the first once per distinct x. Pure; NaN outside the domain.
 */
export function bgnbdLogLikelihood(parameters: BgNbdParameters, history: PurchaseHistory): number {
  return frequencyTerm(parameters, history.frequency) + timingTerm(parameters, history);
}

/** ln[B(a, b+x)/B(a, b) · Γ(r+x) alpha^r / Γ(r)]: the likelihood's factor that depends on x only. */
export function frequencyTerm(parameters: BgNbdParameters, frequency: number): number {
  const { r, alpha, a, b } = parameters;
  return logGamma(r + frequency) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + frequency) - logBeta(a, b);
}

/** ln[(alpha+T)^−(r+x) + [x>0] a/(b+x−1) · (alpha+t_x)^−(r+x)]: alive at T, or dropped out after the last purchase. */
export function timingTerm(parameters: BgNbdParameters, history: PurchaseHistory): number {
  const { r, alpha, a, b } = parameters;
  const { frequency: x, recency, age } = history;
  const shape = r + x;
  const stillAlive = -shape * Math.log(alpha + age);
  if (x === 0) return stillAlive;
  return logAddExp(stillAlive, Math.log(a) - Math.log(b + x - 1) - shape * Math.log(alpha + recency));
}
