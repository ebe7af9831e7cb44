import { epochDayOf, isoDateOf, msPerDay } from '../calendar/days.ts';
import { type CalendarDay, calendarDays } from '../calendar/seasonality.ts';
import type { SimulationOptions } from '../config/options.ts';
import type { Prng } from '../random/prng.ts';

/** What every part of planning needs to know about the run. */
export interface PlanContext {
  readonly options: SimulationOptions;
  readonly startEpochDay: number;
  /** Epoch ms of day 0, 00:00 UTC. */
  readonly startMs: number;
  /** The last simulated day (days − 1). */
  readonly lastDay: number;
  readonly calendar: readonly CalendarDay[];
}

export function createPlanContext(options: SimulationOptions): PlanContext {
  const startEpochDay = epochDayOf(options.startDate);
  return { options, startEpochDay, startMs: startEpochDay * msPerDay, lastDay: options.days - 1, calendar: calendarDays(startEpochDay, options.days) };
}

/** A random instant within the given UTC hour of a simulated day, ms since the epoch. */
export function instantOn(context: PlanContext, day: number, utcHour: number, rng: Prng): number {
  return context.startMs + day * msPerDay + utcHour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
}

export function isoDateOfDay(context: PlanContext, day: number): string {
  return isoDateOf(context.startEpochDay + day);
}

/** Simulated day of an instant (may lie outside 0…lastDay). */
export function dayOfInstant(context: PlanContext, timeMs: number): number {
  return Math.floor((timeMs - context.startMs) / msPerDay);
}
