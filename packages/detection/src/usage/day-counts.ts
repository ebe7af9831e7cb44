/**
 * A bounded ring of daily usage totals on event time, in two parts: `counts[i]` is the total of
 * UTC day `startDay + i` for the settled days, and `head` the newest day with its running total.
 * It keeps at most `maxDays` days (settled days, the gap and the head), dropping the oldest; a day
 * inside the ring with no usage is 0. Plain JSON. Pure functions; they return new values.
 *
 * Why a head apart: most events land on the newest day, and copying a ring of 120 days for each
 * of them was the usage monitor's largest cost. Now they replace only the small head, and the
 * settled array is shared between versions (never changed in place) until the next day begins
 * or a late event lands on a settled day. State written before the head existed (`counts` up to
 * the newest day, no `head`) reads the same.
 */
export interface DayCounts {
  readonly startDay: number;
  readonly counts: readonly number[];
  /** The newest day and its total so far; absent in an empty ring (and in state of the old shape). */
  readonly head?: { readonly day: number; readonly count: number };
}

export const EMPTY_DAY_COUNTS: DayCounts = { startDay: 0, counts: [] };

/** The newest day the ring holds, or null when it is empty. */
export function newestDay(ring: DayCounts): number | null {
  if (ring.head !== undefined) return ring.head.day;
  return ring.counts.length === 0 ? null : ring.startDay + ring.counts.length - 1;
}

/**
 * Adds `amount` to `day`. A day older than the ring can hold is dropped (`accepted: false`): it
 * is too late to matter for any window the ring can still test.
 */
export function addToDay(ring: DayCounts, day: number, amount: number, maxDays: number): { ring: DayCounts; accepted: boolean } {
  const newest = newestDay(ring);
  if (newest === null) return { ring: { startDay: day, counts: [], head: { day, count: amount } }, accepted: true };
  if (ring.head !== undefined && day === ring.head.day) return { ring: { ...ring, head: { day, count: ring.head.count + amount } }, accepted: true };
  if (day > newest) return { ring: { ...settled(ring, day - maxDays + 1, day - 1), head: { day, count: amount } }, accepted: true };
  if (day < newest - maxDays + 1) return { ring, accepted: false };
  // A late event on a settled day (or on the newest day of a ring of the old shape): copy the
  // settled days once, reaching back to the late day if it is older than the ring's start.
  const startDay = Math.min(ring.startDay, day);
  const counts = spread(ring, startDay, ring.head === undefined ? newest : ring.head.day - 1);
  counts[day - startDay] = (counts[day - startDay] as number) + amount;
  return { ring: { startDay, counts, ...(ring.head === undefined ? {} : { head: ring.head }) }, accepted: true };
}

/** The ring with every day up to `toDay` settled and nothing before `fromDay` (no head). */
function settled(ring: DayCounts, fromDay: number, toDay: number): DayCounts {
  const startDay = Math.max(ring.startDay, fromDay);
  if (startDay > toDay) return { startDay: toDay + 1, counts: [] };
  return { startDay, counts: spread(ring, startDay, toDay) };
}

/** A fresh array of the totals of days `fromDay` … `toDay`. */
function spread(ring: DayCounts, fromDay: number, toDay: number): number[] {
  const counts = new Array<number>(toDay - fromDay + 1);
  for (let day = fromDay; day <= toDay; day++) counts[day - fromDay] = countOn(ring, day);
  return counts;
}

/** The total of `day`; 0 for a day the ring does not hold. */
export function countOn(ring: DayCounts, day: number): number {
  if (ring.head !== undefined && day === ring.head.day) return ring.head.count;
  return ring.counts[day - ring.startDay] ?? 0;
}

/** The last day with a total above 0, or null. */
export function lastActiveDay(ring: DayCounts): number | null {
  if (ring.head !== undefined && ring.head.count > 0) return ring.head.day;
  for (let i = ring.counts.length - 1; i >= 0; i--) if ((ring.counts[i] as number) > 0) return ring.startDay + i;
  return null;
}
