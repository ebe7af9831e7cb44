import { checkPurchaseHistory, type PurchaseHistory } from '../history.ts';
import type { BgNbdParameters } from './parameters.ts';

/**
 * P(alive at T | x, t_x, T), FHL 2005 eq. 11:
 *   1 / (1 + [x>0] · a/(b+x−1) · ((alpha+T)/(alpha+t_x))^(r+x)).
 * A customer with no repeat purchase is alive with probability 1: in BG/NBD dropout can only
 * happen right after a purchase. Pure.
 */
export function probabilityAlive(parameters: BgNbdParameters, history: PurchaseHistory): number {
  checkPurchaseHistory(history);
  const { r, alpha, a, b } = parameters;
  const { frequency: x, recency, age } = history;
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
  // 1 / (1 + e^logOdds), written so that neither branch overflows.
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * P(no purchase in (T, T+t] | x, t_x, T), for t ≥ 0 in the model's unit. A living customer's
 * next purchase comes at rate λ whatever p is, and given alive λ ~ Gamma(r+x, alpha+T), so
 *   P = 1 − P(alive) · (1 − ((alpha+T)/(alpha+T+t))^(r+x)).
 * Pure.
 */
export function probabilityNoPurchase(parameters: BgNbdParameters, history: PurchaseHistory, horizon: number): number {
  const alive = probabilityAlive(parameters, history);
  const shape = parameters.r + history.frequency;
  const someRate = -Math.expm1(-shape * Math.log1p(horizon / (parameters.alpha + history.age)));
  return 1 - alive * someRate;
}
