import { Prng } from '@churnwatch/simulator';
import { describe, expect, it } from 'vitest';
import { grows, linearTrend, tQuantile975 } from './trend.ts';

describe('tQuantile975', () => {
  it('matches the table of Student’s t', () => {
    expect(tQuantile975(5)).toBeCloseTo(2.571, 1);
    expect(tQuantile975(10)).toBeCloseTo(2.228, 2);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 2);
    expect(tQuantile975(1000)).toBeCloseTo(1.962, 2);
  });
});

describe('linearTrend', () => {
  const noisy = (slope: number, seed: number) => {
    const random = Prng.create(seed);
    return Array.from({ length: 120 }, (_, i) => ({ x: i, y: 100 + slope * i + (random.next() - 0.5) * 20 }));
  };

  it('finds an exact line', () => {
    const trend = linearTrend([0, 1, 2, 3, 4].map((x) => ({ x, y: 3 + 2 * x })));
    expect(trend.slope).toBeCloseTo(2, 10);
    expect(trend.slopeLow).toBeCloseTo(2, 10);
    expect(grows(trend)).toBe(true);
  });

  it('sees growth in noisy rising samples and none in noisy flat ones', () => {
    const rising = linearTrend(noisy(0.5, 1));
    expect(rising.slopeLow).toBeLessThan(0.5);
    expect(rising.slopeHigh).toBeGreaterThan(0.5);
    expect(grows(rising)).toBe(true);
    for (const seed of [2, 3, 4, 5]) expect(grows(linearTrend(noisy(0, seed)))).toBe(false);
  });

  it('widens the interval for a saw-tooth (a heap between collections) instead of calling each tooth growth', () => {
    const sawTooth = Array.from({ length: 120 }, (_, i) => ({ x: i, y: 100 + (i % 20) * 2 }));
    const trend = linearTrend(sawTooth);
    expect(trend.effectiveSamples).toBeLessThan(20);
    expect(grows(trend)).toBe(false);
  });

  it('refuses fewer than four samples', () => {
    expect(() => linearTrend([{ x: 0, y: 0 }])).toThrow(RangeError);
  });
});
