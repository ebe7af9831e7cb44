import { isoInstantOf, msPerDay } from '../calendar/days.ts';
import type { PlanContext } from '../plan/context.ts';
import type { CustomerPlan, SparseDraft, UsagePlan } from '../plan/customer-plan.ts';
import { localHourToUtc, localHourWeights } from '../plan/hours.ts';
import { streams } from '../plan/streams.ts';
import { negativeBinomial } from '../random/distributions.ts';
import { Prng } from '../random/prng.ts';
import type { SimulatedEvent } from './simulated-event.ts';
import { expectedSessions } from './usage-rate.ts';

/**
 * Emits one customer's events day by day, in time order: usage drawn for the day from its own seeded
 * stream, merged with the planned sparse events. Days must be asked for in increasing order.
 * Event ids are `<idBase>-<u|p|c|f><n>`, numbered per kind in time order.
 */
export interface CustomerStream {
  emitDay(day: number, out: SimulatedEvent[]): void;
}

const cumulativeHourWeights: number[] = [];
for (const weight of localHourWeights) cumulativeHourWeights.push((cumulativeHourWeights.at(-1) ?? 0) + weight);
const hourWeightTotal = cumulativeHourWeights.at(-1) as number;

function drawLocalHour(rng: Prng): number {
  const target = rng.next() * hourWeightTotal;
  let hour = 0;
  while (hour < 23 && (cumulativeHourWeights[hour] as number) <= target) hour++;
  return hour;
}

export function createCustomerStream(context: PlanContext, plan: CustomerPlan): CustomerStream {
  const rng = Prng.create(context.options.seed, streams.usage, plan.index);
  const { customerId, idBase } = plan;
  const usageTimes: number[] = [];
  const counts = { usage: 0, purchase: 0, complaint: 0, feedback: 0 };
  let nextSparse = 0;

  function drawUsageTimes(usage: UsagePlan, day: number): void {
    usageTimes.length = 0;
    const sessions = negativeBinomial(rng, expectedSessions(usage, context.calendar[day]!, day), usage.dispersion);
    const dayStartMs = context.startMs + day * msPerDay;
    for (let i = 0; i < sessions; i++) {
      const utcHour = localHourToUtc(drawLocalHour(rng), usage.utcOffsetHours);
      usageTimes.push(dayStartMs + utcHour * 3_600_000 + Math.floor(rng.next() * 3_600_000));
    }
    usageTimes.sort((a, b) => a - b);
  }

  function usageEvent(usage: UsagePlan, timeMs: number, day: number): SimulatedEvent {
    // Power users: a few seats produce most sessions, and the first features are used most.
    const seat = Math.floor(usage.seats * rng.next() ** 2) + 1;
    const feature = usage.features[Math.floor(usage.features.length * rng.next() ** 1.5)] as string;
    const value = {
      schemaVersion: 1 as const,
      eventId: `${idBase}-u${++counts.usage}`,
      customerId,
      eventTime: isoInstantOf(context.calendar[day]!.isoDate, timeMs - context.startMs - day * msPerDay),
      metric: 'sessions',
      quantity: 1,
      userId: `${customerId}-u${seat}`,
      feature,
    };
    return { kind: 'usage', timeMs, value };
  }

  function sparseEvent(draft: SparseDraft): SimulatedEvent {
    const { timeMs } = draft;
    const eventTime = new Date(timeMs).toISOString();
    switch (draft.kind) {
      case 'customer_profile':
        return { kind: draft.kind, timeMs, value: { schemaVersion: 1, customerId, updatedAt: eventTime, ...draft.fields } };
      case 'purchase':
        return { kind: draft.kind, timeMs, value: { schemaVersion: 1, eventId: `${idBase}-p${++counts.purchase}`, customerId, eventTime, ...draft.fields } };
      case 'complaint':
        return { kind: draft.kind, timeMs, value: { schemaVersion: 1, eventId: `${idBase}-c${++counts.complaint}`, customerId, eventTime, ...draft.fields } };
      case 'feedback':
        return { kind: draft.kind, timeMs, value: { schemaVersion: 1, eventId: `${idBase}-f${++counts.feedback}`, customerId, eventTime, ...draft.fields } };
    }
  }

  return {
    emitDay(day, out) {
      const dayEndMs = context.startMs + (day + 1) * msPerDay;
      if (plan.usage) drawUsageTimes(plan.usage, day);
      let u = 0;
      for (;;) {
        const draft = plan.sparse[nextSparse];
        // At the same instant the sparse event goes first: every sparse kind ranks before usage.
        if (draft && draft.timeMs < dayEndMs && (u >= usageTimes.length || draft.timeMs <= (usageTimes[u] as number))) {
          out.push(sparseEvent(draft));
          nextSparse++;
        } else if (plan.usage && u < usageTimes.length) {
          out.push(usageEvent(plan.usage, usageTimes[u++] as number, day));
        } else {
          return;
        }
      }
    },
  };
}
