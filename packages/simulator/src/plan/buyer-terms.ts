import { gamma, intBetween, logNormal, uniform } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { Segment } from './cohorts.ts';
import type { PlanContext } from './context.ts';
import { instantOn } from './context.ts';
import type { SparseDraft } from './customer-plan.ts';
import { formatCents, toCents } from './money.ts';

/** A non-contract buyer: orders on the given days, each around a typical basket. */
export interface BuyerTerms {
  readonly meanIntervalDays: number;
  readonly purchaseDays: readonly number[];
  readonly basketCents: number;
}

const basketMedians: Readonly<Record<Segment, number>> = { smb: 80, mid_market: 600, enterprise: 5_000 };

export function drawBasketCents(rng: Prng, segment: Segment): number {
  return toCents(logNormal(rng, basketMedians[segment], 0.4));
}

/**
 * A buyer's personal regularity: the coefficient of variation of its gaps, drawn from the
 * configured range, as the gamma shape 1/cv² (cv 0.5: shape 4, regular but not clockwork).
 */
export function drawGapShape(rng: Prng, [low, high]: readonly [number, number]): number {
  return 1 / uniform(rng, low, high) ** 2;
}

/**
 * Purchase days of a buyer with a rhythm: the first within one mean interval of `fromDay`, then
 * gaps drawn from a gamma distribution of the given shape around the mean, up to `untilDay`.
 */
export function drawPurchaseDays(rng: Prng, meanIntervalDays: number, fromDay: number, untilDay: number, shape: number): number[] {
  const days: number[] = [];
  let day = fromDay + Math.floor(rng.next() * meanIntervalDays);
  while (day <= untilDay) {
    days.push(day);
    day += Math.max(1, Math.round(gamma(rng, shape, meanIntervalDays / shape)));
  }
  return days;
}

export function buyerPurchases(context: PlanContext, rng: Prng, terms: BuyerTerms, idBase: string): SparseDraft[] {
  const { currency } = context.options;
  return terms.purchaseDays.map((day, n) => ({
    kind: 'purchase',
    timeMs: instantOn(context, day, intBetween(rng, 7, 21), rng),
    fields: { orderId: `${idBase}-o${n + 1}`, amount: { amount: formatCents(toCents(logNormal(rng, terms.basketCents / 100, 0.35))), currency } },
  }));
}
