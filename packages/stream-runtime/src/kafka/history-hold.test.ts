import { expect, test } from 'vitest';
import { HistoryHold } from './history-hold.ts';

const dayMs = 86_400_000;
const now = Date.UTC(2026, 11, 1);
const options = { behindMs: 60_000, idleMs: 5_000 };

/** A history of `days` days before `now` read at one day of stream time per wall-clock second, a batch a second. */
function readHistory(hold: HistoryHold, days: number): { wallMs: number; streamTimeMs: number } {
  const startMs = now - 100_000;
  let streamTimeMs = now - 180 * dayMs;
  for (let second = 0; second < days; second++) {
    streamTimeMs += dayMs;
    hold.batchDone(startMs + second * 1000, streamTimeMs);
  }
  return { wallMs: startMs + (days - 1) * 1000, streamTimeMs };
}

test('a pause in a history produced at a steady pace holds the timers while the rest of it could still come', () => {
  const hold = new HistoryHold(options);
  const last = readHistory(hold, 20);
  // A sparse topic: nothing for 30 s, that is 30 days of this history; 140 days of it are still ahead.
  expect(hold.catchingUp(last.wallMs + 30_000, last.streamTimeMs)).toBe(true);
  // At a day a second the rest of the history would have come by now.
  expect(hold.catchingUp(last.wallMs + 161_000, last.streamTimeMs)).toBe(false);
});

test('while batches keep coming the partition is reading, once recent it is not', () => {
  const hold = new HistoryHold(options);
  const last = readHistory(hold, 3);
  expect(hold.catchingUp(last.wallMs + 4_000, last.streamTimeMs)).toBe(true);
  // Recent stream time: a quiet live partition, whose wall-clock timers fire.
  hold.batchDone(now, now - 1_000);
  expect(hold.catchingUp(now + 6_000, now - 1_000)).toBe(false);
  expect(hold.catchingUp(now + 600_000, now - 1_000)).toBe(false);
});

test('a history read no faster than the wall clock, or of a pace not known yet, is done after the idle time', () => {
  const slow = new HistoryHold(options);
  slow.batchDone(now, now - dayMs);
  slow.batchDone(now + 10_000, now - dayMs + 5_000);
  expect(slow.catchingUp(now + 14_000, now - dayMs + 5_000)).toBe(true);
  expect(slow.catchingUp(now + 16_000, now - dayMs + 5_000)).toBe(false);

  const single = new HistoryHold(options);
  single.batchDone(now, now - dayMs);
  expect(single.catchingUp(now + 6_000, now - dayMs)).toBe(false);
});

test('a restored partition waits as after a batch, and its restored stream time starts the pace', () => {
  const hold = new HistoryHold(options);
  hold.restored(now, now - 100 * dayMs);
  expect(hold.lastBatchDoneAtMs).toBe(now);
  expect(hold.catchingUp(now + 4_000, now - 100 * dayMs)).toBe(true);
  // One batch after the restore: 10 days in 2 s, so a pause of 10 s is 50 days of the 90 still ahead.
  hold.batchDone(now + 2_000, now - 90 * dayMs);
  expect(hold.catchingUp(now + 12_000, now - 90 * dayMs)).toBe(true);
  expect(hold.catchingUp(now + 21_000, now - 90 * dayMs)).toBe(false);
});

test('rows of a table before any event leave the start of the reading to the first event', () => {
  const hold = new HistoryHold(options);
  hold.batchDone(now, Number.NEGATIVE_INFINITY);
  hold.batchDone(now + 1_000, now - 100 * dayMs);
  hold.batchDone(now + 2_000, now - 99 * dayMs);
  expect(hold.catchingUp(now + 12_000, now - 99 * dayMs)).toBe(true);
});
