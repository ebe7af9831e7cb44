import { type CalendarDay, seasonalFactor } from '../calendar/seasonality.ts';
import type { Decline, UsagePlan } from '../plan/customer-plan.ts';

/** Expected number of sessions of a customer on a simulated day (before day-to-day noise). */
export function expectedSessions(plan: UsagePlan, calendarDay: CalendarDay, day: number): number {
  if (plan.stopDay !== null && day >= plan.stopDay) return 0;
  const level = plan.sessionsPerWeekday * seasonalFactor(plan.seasonality, calendarDay) * Math.exp((plan.trendPerYear * day) / 365);
  return plan.decline ? level * declineFactor(plan.decline, day) : level;
}

/** 1 before the decline, `floorFactor` from its end on, and a smooth fall in between. */
export function declineFactor(decline: Decline, day: number): number {
  if (day <= decline.startDay) return 1;
  const progress = Math.min(1, (day - decline.startDay) / (decline.endDay - decline.startDay));
  return decline.floorFactor + (1 - decline.floorFactor) * (1 - progress) ** decline.curvature;
}
