/** UTC hour of a local hour at a whole-hour offset; wraps within the same UTC date. */
export function localHourToUtc(localHour: number, utcOffsetHours: number): number {
  return (((localHour - utcOffsetHours) % 24) + 24) % 24;
}

/**
 * Relative activity by local hour of day: a working-day profile with a lunch dip and a little
 * activity at night.
 */
export const localHourWeights: readonly number[] = [0.4, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 2.5, 6, 9, 10, 9, 6.5, 8, 9.5, 9, 7.5, 5, 3, 2.2, 1.8, 1.4, 1, 0.6];
