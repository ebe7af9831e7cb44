import type { Prng } from '../random/prng.ts';
import { lapsedBuyerStory, oneOffBuyerStory, repeatBuyerStory } from './buyer-stories.ts';
import type { Cohort } from './cohorts.ts';
import type { PlanContext } from './context.ts';
import { nonRenewingStory, renewingStory } from './contract-stories.ts';
import type { CustomerBase } from './customer-base.ts';
import type { Story } from './story.ts';
import { complainingStory, decliningStory, healthyStory, seasonalStory, silentStory } from './usage-stories.ts';

/** The story of a customer of the given cohort, with its secondary problem if it has one. */
export function drawStory(context: PlanContext, rng: Prng, base: CustomerBase, cohort: Cohort, secondary: Cohort | null): Story {
  switch (cohort) {
    case 'healthy':
      return healthyStory(context);
    case 'seasonal':
      return seasonalStory(context);
    case 'declining':
      return decliningStory(context, rng, secondary);
    case 'silent':
      return silentStory(context, rng, secondary);
    case 'complaining':
      return complainingStory(context, rng, secondary);
    case 'renewing':
      return renewingStory(context, rng, base, secondary);
    case 'non_renewing':
      return nonRenewingStory(context, rng, base, secondary);
    case 'repeat_buyer':
      return repeatBuyerStory(context, rng, base);
    case 'lapsed_buyer':
      return lapsedBuyerStory(context, rng, base);
    case 'one_off_buyer':
      return oneOffBuyerStory(context, rng, base);
  }
}
