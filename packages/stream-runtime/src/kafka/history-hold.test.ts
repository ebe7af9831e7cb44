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
  const last = readHistory(hold, 40);
  // A sparse topic: nothing for 30 s, that is 30 days of this history; 140 days of it are still ahead.
  expect(hold.catchingUp(last.wallMs + 30_000, last.streamTimeMs)).toBe(true);

  const nearlyDone = new HistoryHold(options);
  const end = readHistory(nearlyDone, 175);
  // Five days were left: at a day a second they would have come in 6 s.
  expect(nearlyDone.catchingUp(end.wallMs + 6_000, end.streamTimeMs)).toBe(false);
});

test('a pause longer than the reading of history so far ends it, however much history the pace leaves', () => {
  const hold = new HistoryHold(options);
  const last = readHistory(hold, 10);
  expect(hold.catchingUp(last.wallMs + 9_000, last.streamTimeMs)).toBe(true);
  expect(hold.catchingUp(last.wallMs + 10_000, last.streamTimeMs)).toBe(false);
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

test('a restored partition waits as after a batch, and its restored stream time starts the reading', () => {
  const hold = new HistoryHold(options);
  hold.restored(now, now - 100 * dayMs);
  expect(hold.lastBatchDoneAtMs).toBe(now);
  expect(hold.catchingUp(now + 4_000, now - 100 * dayMs)).toBe(true);
  // One batch 10 s after the restore, 10 days further: a pause of 8 s is 8 of the 90 days still ahead.
  hold.batchDone(now + 10_000, now - 90 * dayMs);
  expect(hold.catchingUp(now + 18_000, now - 90 * dayMs)).toBe(true);
});

test('rows of a table before any event leave the start of the reading to the first event', () => {
  const hold = new HistoryHold(options);
  hold.batchDone(now, Number.NEGATIVE_INFINITY);
  hold.batchDone(now + 1_000, now - 100 * dayMs);
  hold.batchDone(now + 11_000, now - 90 * dayMs);
  expect(hold.catchingUp(now + 19_000, now - 90 * dayMs)).toBe(true);
});

test('a backfill that read stored history in seconds and then follows a paced producer is judged by its recent pace', () => {
  const hold = new HistoryHold(options);
  const startMs = now - 100_000;
  // 150 days of stored history in 2 s, then a day a second for 20 s.
  let streamTimeMs = now - 200 * dayMs;
  for (let tenth = 1; tenth <= 20; tenth++) {
    streamTimeMs += 7.5 * dayMs;
    hold.batchDone(startMs + tenth * 100, streamTimeMs);
  }
  const wallMs = startMs + 22_000;
  for (let second = 1; second <= 20; second++) {
    streamTimeMs += dayMs;
    hold.batchDone(startMs + 2_000 + second * 1000, streamTimeMs);
  }
  // A sparse topic quiet for 10 s: 10 days at the recent pace, and 30 days are still ahead.
  expect(hold.catchingUp(wallMs + 10_000, streamTimeMs)).toBe(true);
  // Averaged over the whole reading (8.6 days a second), the 30 days would have come in 4 s.
  expect(hold.catchingUp(wallMs + 20_000, streamTimeMs)).toBe(true);
  // The reading lasted 22 s: a longer pause ends it.
  expect(hold.catchingUp(wallMs + 23_000, streamTimeMs)).toBe(false);
});

test("batches of a table's rows between the records of a paced history do not make it look finished", () => {
  const hold = new HistoryHold(options);
  const last = readHistory(hold, 40);
  // A profile row 5 s later: a batch, but stream time stays where it was.
  hold.batchDone(last.wallMs + 5_000, last.streamTimeMs);
  // The sparse topic then quiet for 30 s more: at a day a second, 140 days of history are still ahead.
  expect(hold.catchingUp(last.wallMs + 35_000, last.streamTimeMs)).toBe(true);
});
