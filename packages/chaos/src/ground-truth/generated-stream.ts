import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createSimulation, eventToJsonLine, type SimulatedEvent } from '@churnwatch/simulator';

const dayMs = 86_400_000;

export interface StreamOptions {
  readonly seed: number;
  readonly customers: number;
  readonly days: number;
  /** Keep only the last this many events (the history still ends at `endMs`). */
  readonly maxEvents?: number;
  /** The history ends here (ms): live, wall-clock timers then fire as they would in production. */
  readonly endMs: number;
}

/**
 * The simulator's seeded history for `customers` over `days` ending at `endMs`, its last
 * `maxEvents` events kept. Same options, same events: the ground truth is the replay of them.
 */
export function generateStream(options: StreamOptions): SimulatedEvent[] {
  const simulation = createSimulation({
    seed: options.seed,
    customers: options.customers,
    days: options.days,
    startDate: new Date(options.endMs - options.days * dayMs).toISOString().slice(0, 10),
    notAfter: new Date(options.endMs).toISOString(),
  });
  const events = [...simulation.events()];
  return options.maxEvents === undefined ? events : events.slice(Math.max(0, events.length - options.maxEvents));
}

/**
 * The history split where its paced part begins: the events before `pacedFromMs` (produced first,
 * as a backfill) and the rest, each in its order.
 */
export function splitAtPacedStart(events: readonly SimulatedEvent[], pacedFromMs: number): { leadIn: SimulatedEvent[]; paced: SimulatedEvent[] } {
  const firstPaced = events.findIndex((event) => event.timeMs >= pacedFromMs);
  if (firstPaced < 0) return { leadIn: [...events], paced: [] };
  return { leadIn: events.slice(0, firstPaced), paced: events.slice(firstPaced) };
}

/** Writes the events as the simulator's JSON Lines (the replay command's input format). */
export async function writeEventsFile(path: string, events: readonly SimulatedEvent[]): Promise<void> {
  const out = createWriteStream(path);
  for (const event of events) if (!out.write(`${eventToJsonLine(event)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
