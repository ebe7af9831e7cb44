import { PurchaseModelError } from '../errors.ts';
import { logBeta } from '../special/log-gamma.ts';
import type { BgNbdParameters } from './parameters.ts';

/**
 * P(X(t) = count): the probability that a new customer makes exactly `count` repeat purchases in
 * the first `horizon` (model unit) after the first purchase (FHL 2005 eq. 8):
 *   B(a, b+x)/B(a, b) · NB(x) + [x>0] · B(a+1, b+x−1)/B(a, b) · P(NB ≥ x),
 * with NB the negative binomial of purchases in t by a customer who never drops out,
 * NB(j) = Γ(r+j)/(Γ(r) j!) · (alpha/(alpha+t))^r · (t/(alpha+t))^j. Pure; O(count).
 */
export function purchaseCountProbability(parameters: BgNbdParameters, count: number, horizon: number): number {
  if (!Number.isInteger(count) || count < 0 || !(horizon >= 0) || !Number.isFinite(horizon)) {
    throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `count must be a whole number >= 0 and horizon finite and >= 0 (got ${count}, ${horizon})`);
  }
  if (horizon === 0) return count === 0 ? 1 : 0;
  const { r, alpha, a, b } = parameters;
  const logMove = Math.log(horizon / (alpha + horizon));
  // ln NB(j) by the recurrence NB(j+1) = NB(j) · (r+j)/(j+1) · t/(alpha+t): O(count), no underflow.
  let logNegativeBinomial = r * Math.log(alpha / (alpha + horizon));
  let below = 0;
  for (let j = 0; j < count; j += 1) {
    below += Math.exp(logNegativeBinomial);
    logNegativeBinomial += Math.log((r + j) / (j + 1)) + logMove;
  }
  const survivedAll = Math.exp(logBeta(a, b + count) - logBeta(a, b) + logNegativeBinomial);
  if (count === 0) return survivedAll;
  return survivedAll + Math.exp(logBeta(a + 1, b + count - 1) - logBeta(a, b)) * Math.max(0, 1 - below);
}
