import type { AlertTally, Delivery } from './alert-tally.ts';
import type { HealthTableTally } from './health-table.ts';

/** What one scenario did and what came out of it. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly delivery: Delivery;
  readonly eventsIn: number;
  readonly tally: AlertTally;
  /** The customer health table the services left against the replay's. */
  readonly health: HealthTableTally;
  /** What was done to the pipeline, in order, with the second of the run it happened at. */
  readonly disturbances: readonly string[];
  /** Scenario-specific figures (for example the zombie's fenced writes). */
  readonly extra: readonly (readonly [label: string, value: string])[];
  /** Promises broken (see `brokenPromises`) plus the scenario's own checks that failed; empty: passed. */
  readonly failures: readonly string[];
  readonly seconds: number;
}
