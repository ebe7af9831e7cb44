import type { ComplaintEventV1, CustomerProfileV1, FeedbackEventV1, PurchaseEventV1 } from '@churnwatch/contracts';
import { type CustomerOutcome, createSimulation, type Simulation, type SimulationOptionsInput } from '../src/index.ts';

const msPerDay = 86_400_000;

/** What the cohort tests look at, gathered in one pass over a simulation's events. */
export interface CustomerDigest {
  readonly outcome: CustomerOutcome;
  /** Sessions per simulated day. */
  readonly usagePerDay: Int32Array;
  readonly purchases: PurchaseEventV1[];
  readonly complaints: ComplaintEventV1[];
  readonly feedback: FeedbackEventV1[];
  readonly profiles: CustomerProfileV1[];
}

export interface SimulationDigest {
  readonly simulation: Simulation;
  readonly startMs: number;
  readonly customers: readonly CustomerDigest[];
  readonly byId: ReadonlyMap<string, CustomerDigest>;
}

export function digest(input: SimulationOptionsInput): SimulationDigest {
  const simulation = createSimulation(input);
  const { days, startDate } = simulation.options;
  const startMs = Date.parse(`${startDate}T00:00:00Z`);
  const customers: CustomerDigest[] = simulation.outcomes.map((outcome) => ({
    outcome,
    usagePerDay: new Int32Array(days),
    purchases: [],
    complaints: [],
    feedback: [],
    profiles: [],
  }));
  const byId = new Map(customers.map((customer) => [customer.outcome.customerId, customer]));
  for (const event of simulation.events()) {
    const customer = byId.get(event.value.customerId)!;
    if (event.kind === 'usage') customer.usagePerDay[Math.floor((event.timeMs - startMs) / msPerDay)]! += 1;
    else if (event.kind === 'purchase') customer.purchases.push(event.value);
    else if (event.kind === 'complaint') customer.complaints.push(event.value);
    else if (event.kind === 'feedback') customer.feedback.push(event.value);
    else customer.profiles.push(event.value);
  }
  return { simulation, startMs, customers, byId };
}

/** Simulated day of a `YYYY-MM-DD` date. */
export function dayOf(set: SimulationDigest, isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - set.startMs) / msPerDay);
}

export function sum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let total = 0;
  for (let i = Math.max(0, from); i < Math.min(to, values.length); i++) total += values[i] as number;
  return total;
}

export function inCohort(set: SimulationDigest, cohort: CustomerOutcome['cohort']): CustomerDigest[] {
  return set.customers.filter((customer) => customer.outcome.cohort === cohort);
}

let shared: SimulationDigest | undefined;

/** One mid-sized year of history shared by the cohort tests (built on first use). */
export function sharedDigest(): SimulationDigest {
  shared ??= digest({ seed: 7, customers: 400, days: 365, startDate: '2025-01-01', usageScale: 0.5 });
  return shared;
}
