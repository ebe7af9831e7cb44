import type { BgNbdParameters } from '@churnwatch/purchase-models';

/**
 * The age T (in the model's unit) at which P(alive | x, t_x, T) falls below `probability`, for a
 * customer with x ≥ 1 repeat purchases and recency t_x. From FHL 2005 eq. 11,
 * P(alive) = 1 / (1 + a/(b+x−1) · ((alpha+T)/(alpha+t_x))^(r+x)), which falls as T grows, so
 *   P(alive) < p  ⇔  T > (alpha + t_x) · exp(K / (r+x)) − alpha,  K = ln(1/p − 1) − ln a + ln(b+x−1).
 * The result may lie before t_x (already below at the last purchase). Pure.
 */
export function ageWhenAliveFallsBelow(parameters: BgNbdParameters, frequency: number, recency: number, probability: number): number {
  const { r, alpha, a, b } = parameters;
  const k = Math.log(1 / probability - 1) - Math.log(a) + Math.log(b + frequency - 1);
  return (alpha + recency) * Math.exp(k / (r + frequency)) - alpha;
}
