import { describe, expect, it } from 'vitest';
import { addToDay, countOn, type DayCounts, EMPTY_DAY_COUNTS, lastActiveDay, newestDay } from './day-counts.ts';

/** The ring as it was before the head was split off: one array, copied on every event. */
function referenceAdd(ring: { startDay: number; counts: number[] }, day: number, amount: number, maxDays: number) {
  if (ring.counts.length === 0) return { ring: { startDay: day, counts: [amount] }, accepted: true };
  const endDay = ring.startDay + ring.counts.length - 1;
  const newEnd = Math.max(endDay, day);
  const newStart = Math.max(Math.min(ring.startDay, day), newEnd - maxDays + 1);
  if (day < newStart) return { ring, accepted: false };
  const counts = new Array<number>(newEnd - newStart + 1).fill(0);
  ring.counts.forEach((count, i) => {
    const index = ring.startDay + i - newStart;
    if (index >= 0) counts[index] = count;
  });
  counts[day - newStart] = (counts[day - newStart] ?? 0) + amount;
  return { ring: { startDay: newStart, counts }, accepted: true };
}

/** A small deterministic generator (an LCG), so the sequence is the same on every run. */
function sequence(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

describe('day counts', () => {
  it('holds exactly what one copied array held, for any mix of same-day, next-day, gap and late events', () => {
    const maxDays = 30;
    for (let seed = 1; seed <= 20; seed++) {
      const next = sequence(seed);
      let ring: DayCounts = EMPTY_DAY_COUNTS;
      let reference = { startDay: 0, counts: [] as number[] };
      let today = 1000;
      for (let step = 0; step < 400; step++) {
        const roll = next(100);
        today += roll < 70 ? 0 : roll < 90 ? 1 : roll < 95 ? next(40) : 0;
        const day = roll >= 95 ? today - next(45) : today;
        const amount = 1 + next(5);
        const ours = addToDay(ring, day, amount, maxDays);
        const theirs = referenceAdd(reference, day, amount, maxDays);
        expect(ours.accepted).toBe(theirs.accepted);
        ring = ours.ring;
        reference = theirs.ring;
        const held = Array.from({ length: 80 }, (_, i) => countOn(ring, today - 70 + i));
        const expected = Array.from({ length: 80 }, (_, i) => reference.counts[today - 70 + i - reference.startDay] ?? 0);
        expect(held).toEqual(expected);
        expect(ring.startDay).toBe(reference.startDay);
        expect(newestDay(ring)).toBe(reference.startDay + reference.counts.length - 1);
      }
    }
  }, 60_000);

  it('adds to the newest day without copying the settled days, and settles them when the next day begins', () => {
    const first = addToDay(EMPTY_DAY_COUNTS, 100, 3, 10).ring;
    const second = addToDay(addToDay(first, 101, 2, 10).ring, 101, 4, 10).ring;
    const third = addToDay(second, 101, 1, 10).ring;
    expect(second).toEqual({ startDay: 100, counts: [3], head: { day: 101, count: 6 } });
    expect(third.counts).toBe(second.counts);
    const later = addToDay(third, 104, 1, 4).ring;
    expect(later).toEqual({ startDay: 101, counts: [7, 0, 0], head: { day: 104, count: 1 } });
    expect(lastActiveDay(later)).toBe(104);
  });

  it('reads a ring of the old shape (no head) and keeps adding to it', () => {
    const old: DayCounts = { startDay: 50, counts: [1, 0, 2] };
    expect(addToDay(old, 52, 1, 10).ring).toEqual({ startDay: 50, counts: [1, 0, 3] });
    expect(addToDay(old, 53, 5, 10).ring).toEqual({ startDay: 50, counts: [1, 0, 2], head: { day: 53, count: 5 } });
    expect(addToDay(old, 40, 5, 10)).toEqual({ ring: old, accepted: false });
  });
});
