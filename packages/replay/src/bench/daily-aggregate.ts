import type { SimulatedEvent } from '@churnwatch/simulator';
import { compareEvents } from '@churnwatch/simulator';

const MS_PER_DAY = 86_400_000;

/**
 * The daily-aggregate shape of a generated stream: a customer's usage events of one UTC day
 * become one event at the start of that day whose `quantity` is the day's total (how a nightly
 * export or a metering service publishes usage). Other events pass unchanged. The input must be
 * in event-time order (the simulator's is); the output is too. Memory holds one day.
 */
export function* dailyAggregateEvents(events: Iterable<SimulatedEvent>): Generator<SimulatedEvent, void, undefined> {
  let day: number | null = null;
  let others: SimulatedEvent[] = [];
  let totals = new Map<string, { metric: string; quantity: number }>();

  function* flush(): Generator<SimulatedEvent, void, undefined> {
    if (day === null) return;
    const dayStartMs = day * MS_PER_DAY;
    const eventTime = new Date(dayStartMs).toISOString();
    const aggregates: SimulatedEvent[] = [...totals].map(([customerId, { metric, quantity }]) => ({
      kind: 'usage',
      timeMs: dayStartMs,
      value: { schemaVersion: 1, eventId: `${customerId}-d${day}`, customerId, eventTime, metric, quantity },
    }));
    // Stable: the day's other events keep their order, and at one instant kinds keep theirs.
    yield* aggregates.concat(others).sort(compareEvents);
    others = [];
    totals = new Map();
  }

  for (const event of events) {
    const eventDay = Math.floor(event.timeMs / MS_PER_DAY);
    if (day !== null && eventDay !== day) yield* flush();
    day = eventDay;
    if (event.kind !== 'usage') {
      others.push(event);
      continue;
    }
    const total = totals.get(event.value.customerId);
    if (total === undefined) totals.set(event.value.customerId, { metric: event.value.metric, quantity: event.value.quantity });
    else total.quantity += event.value.quantity;
  }
  yield* flush();
}
