import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createSimulation, eventToJsonLine, writeJsonLines } from '@churnwatch/simulator';
import { dailyAggregateEvents } from './daily-aggregate.ts';

/** `generated`: the simulator's stream (one usage event per session); `daily`: one usage event per customer and day. */
export const historyShapes = ['generated', 'daily'] as const;
export type HistoryShape = (typeof historyShapes)[number];

export interface BenchHistory {
  readonly shape: HistoryShape;
  readonly customers: number;
  readonly days: number;
  readonly seed: number;
}

/** The simulator needs 90 days at least; shorter histories are its first days. */
const MIN_SIMULATED_DAYS = 90;
const START_DATE = '2025-01-01';

/**
 * Writes a seeded history of the given shape to `path` as an events file and returns its event
 * count. The same options give the same bytes.
 */
export async function writeBenchHistory(history: BenchHistory, path: string): Promise<number> {
  const simulatedDays = Math.max(history.days, MIN_SIMULATED_DAYS);
  const endMs = Date.parse(`${START_DATE}T00:00:00Z`) + history.days * 86_400_000 - 1;
  const simulation = createSimulation({
    seed: history.seed,
    customers: history.customers,
    days: simulatedDays,
    startDate: START_DATE,
    ...(simulatedDays > history.days ? { notAfter: new Date(endMs).toISOString() } : {}),
  });
  const events = history.shape === 'daily' ? dailyAggregateEvents(simulation.events()) : simulation.events();
  const out = createWriteStream(path);
  await once(out, 'open');
  const count = await writeJsonLines(events, eventToJsonLine, out);
  out.end();
  await finished(out);
  return count;
}
