import { Prng } from '@churnwatch/simulator';
import { describe, expect, it } from 'vitest';
import { grows, growsToTheEnd, linearTrend, spanTrends, tQuantile } from './trend.ts';

describe('tQuantile at 0.975', () => {
  it('matches the table of Student’s t', () => {
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.571, 1);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228, 2);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 2);
    expect(tQuantile(0.975, 1000)).toBeCloseTo(1.962, 2);
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

describe('tQuantile and the interval level', () => {
  it('matches the table of Student’s t at other levels', () => {
    expect(tQuantile(0.995, 10)).toBeCloseTo(3.169, 1);
    expect(tQuantile(0.995, 60)).toBeCloseTo(2.66, 2);
    expect(tQuantile(0.5, 12)).toBeCloseTo(0, 10);
  });

  it('widens the interval as the level rises, around the same slope', () => {
    const points = Array.from({ length: 40 }, (_, i) => ({ x: i, y: i * 0.1 + (i % 2 ? 1 : -1) }));
    const at95 = linearTrend(points);
    const at999 = linearTrend(points, 0.999);
    expect(at999.slope).toBe(at95.slope);
    expect(at999.slopeLow).toBeLessThan(at95.slopeLow);
    expect(at999.slopeHigh).toBeGreaterThan(at95.slopeHigh);
  });
});

describe('growsToTheEnd', () => {
  const series = (y: (x: number) => number, seed: number) => {
    const random = Prng.create(seed);
    return Array.from({ length: 160 }, (_, x) => ({ x, y: y(x) + (random.next() - 0.5) * 20 }));
  };

  it('fails a leak, which grows at the same pace to the end', () => {
    const trends = spanTrends(series((x) => 100 + 0.5 * x, 1));
    expect(grows(trends.whole)).toBe(true);
    expect(trends.lastHalf && grows(trends.lastHalf)).toBe(true);
    expect(growsToTheEnd(trends)).toBe(true);
  });

  it('passes a rise that levels off halfway, though the line through the whole span rises', () => {
    const levelling = series((x) => 100 + 0.8 * Math.min(x, 80), 2);
    const trends = spanTrends(levelling);
    expect(grows(trends.whole)).toBe(true);
    expect(trends.lastHalf && grows(trends.lastHalf)).toBe(false);
    expect(growsToTheEnd(trends)).toBe(false);
  });

  it('passes flat series', () => {
    for (const seed of [3, 4, 5, 6]) expect(growsToTheEnd(spanTrends(series(() => 100, seed)))).toBe(false);
  });

  it('judges the whole span alone when its last half is too short', () => {
    const trends = spanTrends([0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 3 + 2 * x })));
    expect(trends.lastHalf).toBeUndefined();
    expect(growsToTheEnd(trends)).toBe(true);
  });
});
