import { countOn, type DayCounts } from './day-counts.ts';

interface Remembered {
  readonly throughDay: number;
  readonly startDay: number;
  readonly headActive: boolean;
  readonly days: number;
}

/** The last answer per settled-day array: the many events of one day ask the same question. */
const remembered = new WeakMap<readonly number[], Remembered>();

/**
 * The customer's longest pause so far: the most days in a row without usage between two days
 * with usage, over the days the ring holds up to `throughDay` (its last usage day). 0 for a
 * customer that used the product every day. Pure.
 */
export function longestPauseDays(ring: DayCounts, throughDay: number): number {
  const headActive = ring.head !== undefined && ring.head.count > 0;
  const last = remembered.get(ring.counts);
  if (last !== undefined && last.throughDay === throughDay && last.startDay === ring.startDay && last.headActive === headActive) return last.days;
  let longest = 0;
  let run: number | null = null;
  for (let day = ring.startDay; day <= throughDay; day++) {
    if (countOn(ring, day) > 0) {
      if (run !== null && run > longest) longest = run;
      run = 0;
    } else if (run !== null) run++;
  }
  remembered.set(ring.counts, { throughDay, startDay: ring.startDay, headActive, days: longest });
  return longest;
}
