import { parseSimulationOptions, type SimulationOptions, type SimulationOptionsInput } from './config/options.ts';
import { createCustomerStream } from './events/customer-stream.ts';
import { compareEvents, type SimulatedEvent } from './events/simulated-event.ts';
import { buildPlans } from './plan/build-plan.ts';
import { createPlanContext } from './plan/context.ts';
import type { CustomerOutcome } from './plan/customer-plan.ts';

/**
 * A seeded simulation: every customer's ground truth up front, and its events on demand.
 *
 * Contract: pure and reproducible. The same options give the same outcomes and the same event
 * sequence, byte for byte, on every call of `events()`/`stream()`. Events come in event-time order
 * (ties: profile, purchase, complaint, feedback, usage, then customer index, then per-customer
 * order). Memory holds one simulated day of events at a time, plus each customer's plan.
 */
export interface Simulation {
  readonly options: SimulationOptions;
  /** One per customer, in customer order. */
  readonly outcomes: readonly CustomerOutcome[];
  /** The events, generated lazily day by day. */
  events(): Generator<SimulatedEvent, void, undefined>;
  /** The same events as an async iterable. */
  stream(): AsyncGenerator<SimulatedEvent, void, undefined>;
}

/** Validates the options (throws `ConfigError`) and plans every customer. */
export function createSimulation(input: SimulationOptionsInput = {}): Simulation {
  const options = parseSimulationOptions(input);
  const context = createPlanContext(options);
  const plans = buildPlans(context);

  function* events(): Generator<SimulatedEvent, void, undefined> {
    const customers = plans.map((plan) => createCustomerStream(context, plan));
    const notAfterMs = options.notAfter === undefined ? Number.POSITIVE_INFINITY : Date.parse(options.notAfter);
    const batch: SimulatedEvent[] = [];
    for (let day = 0; day < options.days; day++) {
      batch.length = 0;
      for (const customer of customers) customer.emitDay(day, batch);
      // Stable sort: equal instants and kinds keep customer order, then per-customer order.
      batch.sort(compareEvents);
      for (const event of batch) {
        if (event.timeMs > notAfterMs) return;
        yield event;
      }
    }
  }

  async function* stream(): AsyncGenerator<SimulatedEvent, void, undefined> {
    yield* events();
  }

  return { options, outcomes: plans.map((plan) => plan.outcome), events, stream };
}
