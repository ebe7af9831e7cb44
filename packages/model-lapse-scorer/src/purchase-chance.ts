import { type GapJudgement, pauseProbability } from '@churnwatch/detection';
import { type BgNbdParameters, probabilityAlive, probabilityNoPurchase } from '@churnwatch/purchase-models';

/**
 * The forward-looking chance that a customer buys again within the next `horizonDays`, as fitted
 * BG/NBD and the customer's own gap model (gap-survival.ts in @churnwatch/detection) see it at a
 * moment `gapDays` after its last purchase. Pure.
 *
 * - Without a gap model (fewer purchase days than a rhythm needs, one-time buyers included): BG/NBD
 *   alone, P(buy within H) = 1 − P(no purchase in H | x, t_x, T) (FHL 2005). For a one-time buyer
 *   P(alive) is 1, but the posterior of its purchase rate, Gamma(r, alpha + T), falls as T grows,
 *   so the chance of a next purchase falls too.
 * - With a gap model: BG/NBD's purchase process is memoryless; the customer's own gaps say better
 *   how unusual the current pause is. The dropout chance after a purchase is BG/NBD's posterior
 *   mean π = a / (a + b + x); the chance that the customer is still buying after a pause g whose
 *   probability for a buyer is S(g) is
 *     P(alive) = (1 − π)·S(g) / ((1 − π)·S(g) + π),
 *   and P(buy within H) = P(alive) · (1 − S(g + H)/S(g)).
 */
export interface PurchaseChance {
  /** P(a purchase within the horizon). */
  readonly buyWithin: number;
  /** P(still buying) by the same basis. */
  readonly alive: number;
  readonly basis: 'bg-nbd' | 'bg-nbd+gaps';
}

export interface ModelHistory {
  /** Repeat purchase days x, recency t_x and age T, in the model's unit. */
  readonly frequency: number;
  readonly recency: number;
  readonly age: number;
}

export function purchaseChance(
  bgnbd: BgNbdParameters,
  history: ModelHistory,
  horizonUnits: number,
  gap: Pick<GapJudgement, 'model' | 'gapDays'> | null,
  horizonDays: number,
): PurchaseChance {
  if (gap === null) {
    return { buyWithin: 1 - probabilityNoPurchase(bgnbd, history, horizonUnits), alive: probabilityAlive(bgnbd, history), basis: 'bg-nbd' };
  }
  const dropout = bgnbd.a / (bgnbd.a + bgnbd.b + history.frequency);
  const survival = pauseProbability(gap.model, gap.gapDays);
  const alive = survival <= 0 ? 0 : ((1 - dropout) * survival) / ((1 - dropout) * survival + dropout);
  const later = pauseProbability(gap.model, gap.gapDays + horizonDays);
  const buyWhileAlive = survival <= 0 ? 0 : Math.max(0, 1 - later / survival);
  return { buyWithin: alive * buyWhileAlive, alive, basis: 'bg-nbd+gaps' };
}
