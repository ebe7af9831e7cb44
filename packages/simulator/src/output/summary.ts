import { type EventKind, eventKinds, type SimulatedEvent } from '../events/simulated-event.ts';
import { type Cohort, cohortNames } from '../plan/cohorts.ts';
import type { CustomerOutcome } from '../plan/customer-plan.ts';

/** Counts events per kind as they stream past. */
export interface EventTally {
  readonly counts: Readonly<Record<EventKind, number>>;
  readonly total: number;
  add(event: SimulatedEvent): void;
}

export function createEventTally(): EventTally {
  const counts = Object.fromEntries(eventKinds.map((kind) => [kind, 0])) as Record<EventKind, number>;
  let total = 0;
  return {
    counts,
    get total() {
      return total;
    },
    add(event) {
      counts[event.kind]++;
      total++;
    },
  };
}

/** Passes events through unchanged, counting them. */
export function* tallied(events: Iterable<SimulatedEvent>, tally: EventTally): Generator<SimulatedEvent, void, undefined> {
  for (const event of events) {
    tally.add(event);
    yield event;
  }
}

/** A few lines for people: customers (and churners) per cohort, events per kind. */
export function formatSummary(outcomes: readonly CustomerOutcome[], tally: EventTally): string {
  const perCohort = new Map<Cohort, { customers: number; churned: number; overlapping: number }>(
    cohortNames.map((cohort) => [cohort, { customers: 0, churned: 0, overlapping: 0 }]),
  );
  for (const outcome of outcomes) {
    const row = perCohort.get(outcome.cohort)!;
    row.customers++;
    if (outcome.churned) row.churned++;
    if (outcome.secondaryCohorts.length) row.overlapping++;
  }
  const lines = [`customers: ${outcomes.length} (churned ${outcomes.filter((outcome) => outcome.churned).length})`];
  for (const [cohort, row] of perCohort) {
    if (row.customers)
      lines.push(
        `  ${cohort.padEnd(14)} ${String(row.customers).padStart(7)}  churned ${String(row.churned).padStart(6)}  with a second problem ${row.overlapping}`,
      );
  }
  lines.push(`events: ${tally.total}`);
  for (const kind of eventKinds) lines.push(`  ${kind.padEnd(17)} ${String(tally.counts[kind]).padStart(10)}`);
  return lines.join('\n');
}
