import { intBetween } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import { type BuyerTerms, drawBasketCents, drawGapShape, drawPurchaseDays } from './buyer-terms.ts';
import type { PlanContext } from './context.ts';
import type { CustomerBase } from './customer-base.ts';
import { dayBetween, type Story, storyDefaults } from './story.ts';

/**
 * Stories of non-contract buyers, who buy but do not use the product. A lapsed buyer churns
 * `ceil(lapseFactor × meanIntervalDays)` days after its last purchase; its problem starts the day
 * after that purchase. A one-off buyer never formed a habit: not counted as churn.
 */

function buyerStory(context: PlanContext, terms: BuyerTerms): Story {
  return { ...storyDefaults(context.lastDay), usage: null, buyer: terms };
}

export function repeatBuyerStory(context: PlanContext, rng: Prng, base: CustomerBase): Story {
  const meanIntervalDays = intBetween(rng, ...context.options.buyers.meanIntervalDays);
  const basketCents = drawBasketCents(rng, base.segment);
  const shape = drawGapShape(rng, context.options.buyers.gapVariation);
  return buyerStory(context, { meanIntervalDays, basketCents, purchaseDays: drawPurchaseDays(rng, meanIntervalDays, 0, context.lastDay, shape) });
}

export function oneOffBuyerStory(context: PlanContext, rng: Prng, base: CustomerBase): Story {
  const basketCents = drawBasketCents(rng, base.segment);
  return buyerStory(context, { meanIntervalDays: context.lastDay + 1, basketCents, purchaseDays: [intBetween(rng, 0, context.lastDay)] });
}

export function lapsedBuyerStory(context: PlanContext, rng: Prng, base: CustomerBase): Story {
  const { warmupDays, buyers } = context.options;
  const last = context.lastDay;
  // Short runs get faster rhythms, so that the lapse horizon still ends inside the period.
  const meanIntervalDays = Math.max(1, Math.min(intBetween(rng, ...buyers.meanIntervalDays), Math.floor((last - warmupDays) / buyers.lapseFactor)));
  const basketCents = drawBasketCents(rng, base.segment);
  const horizonDays = Math.ceil(buyers.lapseFactor * meanIntervalDays);
  const cutoff = dayBetween(rng, Math.max(warmupDays, 3 * meanIntervalDays), last - horizonDays);
  const drawn = drawPurchaseDays(rng, meanIntervalDays, 0, cutoff, drawGapShape(rng, buyers.gapVariation));
  const purchaseDays = drawn.length ? drawn : [cutoff];
  const lastPurchase = purchaseDays.at(-1) as number;
  return {
    ...buyerStory(context, { meanIntervalDays, basketCents, purchaseDays }),
    churnDay: lastPurchase + horizonDays,
    churnReason: 'lapsed',
    problemStartDay: lastPurchase + 1,
    endDay: lastPurchase + 1,
  };
}
