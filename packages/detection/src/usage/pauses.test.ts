import { describe, expect, it } from 'vitest';
import { addToDay, type DayCounts, EMPTY_DAY_COUNTS } from './day-counts.ts';
import { longestPauseDays } from './pauses.ts';

function ringOf(days: readonly number[]): DayCounts {
  let ring = EMPTY_DAY_COUNTS;
  for (const [offset, count] of days.entries()) ring = addToDay(ring, 100 + offset, count, 120).ring;
  return ring;
}

describe('longestPauseDays', () => {
  it('is the longest run of days without usage between two days with usage', () => {
    expect(longestPauseDays(ringOf([3, 0, 0, 5, 0, 0, 0, 1, 0, 2]), 109)).toBe(3);
    expect(longestPauseDays(ringOf([1, 1, 1, 1]), 103)).toBe(0);
  });

  it('leaves out the days before the first usage and the silence after the last usage day', () => {
    // Leading zeros are no pause; the ring's newest days after `throughDay` are not read.
    const ring = ringOf([0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(longestPauseDays(ring, 106)).toBe(1);
    expect(longestPauseDays(ring, 112)).toBe(5);
  });
});
