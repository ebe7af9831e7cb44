import { expect, test } from 'vitest';
import { generateStream, splitAtPacedStart } from './generated-stream.ts';

const dayMs = 86_400_000;
const endMs = Date.UTC(2026, 11, 1, 12);

test('a backfill takes the events before the paced start, the paced part the rest, nothing lost or reordered', () => {
  const events = generateStream({ seed: 3, customers: 12, days: 120, endMs });
  const pacedFromMs = endMs - 30 * dayMs;
  const { leadIn, paced } = splitAtPacedStart(events, pacedFromMs);
  expect(leadIn.length).toBeGreaterThan(0);
  expect(paced.length).toBeGreaterThan(0);
  expect([...leadIn, ...paced]).toEqual(events);
  expect(leadIn.every((event) => event.timeMs < pacedFromMs)).toBe(true);
  expect(paced.every((event) => event.timeMs >= pacedFromMs)).toBe(true);
});

test('without a backfill every event is paced; a paced start after the history leaves nothing paced', () => {
  const events = generateStream({ seed: 3, customers: 5, days: 90, endMs });
  expect(splitAtPacedStart(events, endMs - 91 * dayMs)).toEqual({ leadIn: [], paced: events });
  expect(splitAtPacedStart(events, endMs + 1)).toEqual({ leadIn: events, paced: [] });
});
