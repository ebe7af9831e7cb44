import { intBetween } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { Cohort } from './cohorts.ts';
import type { PlanContext } from './context.ts';
import { drawContractTerms } from './contract-terms.ts';
import type { CustomerBase } from './customer-base.ts';
import { dayBetween, drawBurstDays, drawDecline, drawFactor, earliest, type Story, storyDefaults } from './story.ts';

/**
 * Stories of contract customers. A non-renewer churns on its contract's end date (the renewal date
 * it did not renew); its usage stops that day too.
 */

/** Renews at its renewal date; with a secondary problem it renews in poor health. */
export function renewingStory(context: PlanContext, rng: Prng, base: CustomerBase, secondary: Cohort | null): Story {
  const { warmupDays, declining, complaining } = context.options;
  const renewalDay = dayBetween(rng, Math.max(30, warmupDays), context.lastDay - 14);
  const contract = drawContractTerms(context, rng, base, renewalDay, true);
  let decline = null;
  let bursts: number[] = [];
  if (secondary === 'declining') {
    const startDay = Math.max(7, renewalDay - intBetween(rng, 60, 150));
    decline = drawDecline(
      rng,
      startDay,
      startDay + intBetween(rng, declining.declineDays[0], declining.declineDays[1]),
      drawFactor(rng, declining.plateauFactor),
    );
  }
  if (secondary === 'complaining') bursts = drawBurstDays(rng, complaining.bursts, Math.max(7, renewalDay - 150), renewalDay - 14);
  return {
    ...storyDefaults(context.lastDay),
    usage: { decline, stopDay: null, seasonal: false },
    contract,
    complaintBurstDays: bursts,
    problemStartDay: earliest(decline?.startDay ?? null, bursts[0] ?? null),
  };
}

/** Does not renew: switches auto-renew off, cancels, or simply places no renewal order. */
export function nonRenewingStory(context: PlanContext, rng: Prng, base: CustomerBase, secondary: Cohort | null): Story {
  const { warmupDays, complaining } = context.options;
  const renewalDay = dayBetween(rng, Math.min(warmupDays + 60, context.lastDay), context.lastDay);
  const contract = drawContractTerms(context, rng, base, renewalDay, false);
  let decline = null;
  let bursts: number[] = [];
  if (secondary === 'declining') decline = drawDecline(rng, Math.max(7, renewalDay - intBetween(rng, 60, 150)), renewalDay, drawFactor(rng, [0.1, 0.3]));
  if (secondary === 'complaining') bursts = drawBurstDays(rng, complaining.bursts, Math.max(7, renewalDay - 150), (contract.noticeDay ?? renewalDay) - 7);
  return {
    ...storyDefaults(context.lastDay),
    usage: { decline, stopDay: renewalDay, seasonal: false },
    contract,
    complaintBurstDays: bursts,
    complaintsChurning: true,
    churnDay: renewalDay,
    churnReason: 'contract_ended',
    problemStartDay: earliest(contract.noticeDay, decline?.startDay ?? null, bursts[0] ?? null),
    endDay: renewalDay,
  };
}
