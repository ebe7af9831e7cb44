import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createSimulation, eventToJsonLine, writeJsonLines } from '@churnwatch/simulator';

/** The two stream shapes the replay is measured on. */
export type StreamShape = 'generated' | 'daily';

export const historyStartDate = '2025-01-01';
const dayMs = 86_400_000;

/** Usage events per customer per day in the generator's stream (measured: 1,213,764 events for 590 customers × 365 days), to decide up front what fits the budget. */
export const generatedEventsPerCustomerDay = 5.7;

export function estimatedEvents(shape: StreamShape, customers: number, days: number): number {
  return Math.round(customers * days * (shape === 'daily' ? 1 : generatedEventsPerCustomerDay));
}

function dateOf(day: number): string {
  return new Date(Date.parse(`${historyStartDate}T00:00:00Z`) + day * dayMs).toISOString().slice(0, 10);
}

/**
 * The daily-aggregate stream: one usage event per customer per day carrying that day's quantity,
 * as a warehouse export sends it. Most customers keep a weekly rhythm; one in ten falls to 40 % of
 * its usage for the last third of the history and one in thirty stops, so the detectors have work.
 */
export function* dailyAggregateLines(customers: number, days: number): Generator<string, void, undefined> {
  const ids = Array.from({ length: customers }, (_, c) => `cust-${String(c).padStart(6, '0')}`);
  for (let day = 0; day < days; day++) {
    const date = dateOf(day);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekFactor = weekday === 0 || weekday === 6 ? 0.3 : 1;
    for (let c = 0; c < customers; c++) {
      const late = day >= (days * 2) / 3;
      if (late && c % 30 === 7) continue;
      const level = late && c % 10 === 3 ? 0.4 : 1;
      const quantity = Math.round((20 + (c % 50)) * weekFactor * level * (0.85 + ((c * 7 + day * 13) % 31) / 100));
      const customerId = ids[c]!;
      yield `{"kind":"usage","schemaVersion":1,"eventId":"use-${customerId}-${date}","customerId":"${customerId}","eventTime":"${date}T23:59:59Z","metric":"sessions","quantity":${quantity}}`;
    }
  }
}

/** The generator's stream (profiles, purchases, complaints, feedback, usage) for `days` days from the start date. */
export function* generatedLines(customers: number, days: number): Generator<string, void, undefined> {
  const simulation = createSimulation({
    seed: 7,
    customers,
    days: Math.max(90, days),
    startDate: historyStartDate,
    notAfter: new Date(Date.parse(`${historyStartDate}T00:00:00Z`) + days * dayMs - 1).toISOString(),
  });
  for (const event of simulation.events()) yield eventToJsonLine(event);
}

/** Writes one history file (JSON Lines, the replay's `events` format); returns the number of lines. */
export async function writeHistoryFile(path: string, shape: StreamShape, customers: number, days: number): Promise<number> {
  const out = createWriteStream(path);
  const count = await writeJsonLines(shape === 'daily' ? dailyAggregateLines(customers, days) : generatedLines(customers, days), (line) => line, out);
  out.end();
  await finished(out);
  return count;
}
