import { bernoulli, intBetween } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { Cohort } from './cohorts.ts';
import type { PlanContext } from './context.ts';
import { dayBetween, drawBurstDays, drawDecline, drawFactor, earliest, type Story, storyDefaults } from './story.ts';

/**
 * Stories of the usage cohorts. Churn by inactivity: usage stops for good on `stopDay` and the
 * customer counts as churned `inactivityChurnDays` later (churnDay = stopDay + inactivityChurnDays).
 */

export function healthyStory(context: PlanContext): Story {
  return storyDefaults(context.lastDay);
}

export function seasonalStory(context: PlanContext): Story {
  return { ...storyDefaults(context.lastDay), usage: { decline: null, stopDay: null, seasonal: true } };
}

/** Usage falls over weeks or months; most such customers then stop, the others stay on a plateau. */
export function decliningStory(context: PlanContext, rng: Prng, secondary: Cohort | null): Story {
  const { warmupDays, inactivityChurnDays, declining, complaining } = context.options;
  const last = context.lastDay;
  const churning = bernoulli(rng, declining.churnShare);
  const length = intBetween(rng, declining.declineDays[0], declining.declineDays[1]);
  if (!churning) {
    const startDay = dayBetween(rng, warmupDays, last - 30);
    const decline = drawDecline(rng, startDay, startDay + length, drawFactor(rng, declining.plateauFactor));
    const bursts = secondary === 'complaining' ? drawBurstDays(rng, complaining.bursts, startDay - 21, last - 3) : [];
    return {
      ...storyDefaults(last),
      usage: { decline, stopDay: null, seasonal: false },
      complaintBurstDays: bursts,
      problemStartDay: earliest(startDay, bursts[0] ?? null),
    };
  }
  const fitted = Math.max(14, Math.min(length, last - inactivityChurnDays - warmupDays));
  const stopDay = dayBetween(rng, warmupDays + fitted, last - inactivityChurnDays);
  const startDay = Math.max(1, stopDay - fitted);
  const decline = drawDecline(rng, startDay, stopDay, 0.05);
  const bursts = secondary === 'complaining' ? drawBurstDays(rng, complaining.bursts, startDay - 21, stopDay - 3) : [];
  return {
    ...storyDefaults(last),
    usage: { decline, stopDay, seasonal: false },
    complaintBurstDays: bursts,
    complaintsChurning: true,
    churnDay: stopDay + inactivityChurnDays,
    churnReason: 'inactivity',
    problemStartDay: earliest(startDay, bursts[0] ?? null),
    endDay: stopDay,
  };
}

/** Usage stops from one day to the next. */
export function silentStory(context: PlanContext, rng: Prng, secondary: Cohort | null): Story {
  const { warmupDays, inactivityChurnDays, complaining } = context.options;
  const stopDay = dayBetween(rng, warmupDays, context.lastDay - inactivityChurnDays);
  const bursts = secondary === 'complaining' ? drawBurstDays(rng, complaining.bursts, stopDay - 75, stopDay - 3) : [];
  return {
    ...storyDefaults(context.lastDay),
    usage: { decline: null, stopDay, seasonal: false },
    complaintBurstDays: bursts,
    complaintsChurning: true,
    churnDay: stopDay + inactivityChurnDays,
    churnReason: 'inactivity',
    problemStartDay: earliest(stopDay, bursts[0] ?? null),
    endDay: stopDay,
  };
}

/** Bursts of complaints; some of these customers go silent a few weeks after the last burst. */
export function complainingStory(context: PlanContext, rng: Prng, secondary: Cohort | null): Story {
  const { warmupDays, inactivityChurnDays, complaining, declining } = context.options;
  const last = context.lastDay;
  const churning = bernoulli(rng, complaining.churnShare);
  const stopDay = churning ? dayBetween(rng, warmupDays + 28, last - inactivityChurnDays) : null;
  const bursts = drawBurstDays(rng, complaining.bursts, warmupDays, stopDay === null ? last - 7 : stopDay - 14);
  const firstBurst = bursts[0] as number;
  let decline = null;
  if (secondary === 'declining') {
    const startDay = firstBurst + intBetween(rng, 7, 30);
    decline =
      stopDay === null
        ? drawDecline(rng, startDay, startDay + intBetween(rng, declining.declineDays[0], declining.declineDays[1]), drawFactor(rng, declining.plateauFactor))
        : drawDecline(rng, Math.min(startDay, stopDay - 14), stopDay, 0.05);
  }
  return {
    ...storyDefaults(last),
    usage: { decline, stopDay, seasonal: false },
    complaintBurstDays: bursts,
    complaintsChurning: churning,
    churnDay: stopDay === null ? null : stopDay + inactivityChurnDays,
    churnReason: stopDay === null ? null : 'inactivity',
    problemStartDay: firstBurst,
    endDay: stopDay ?? last + 1,
  };
}
