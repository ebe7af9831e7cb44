import { describe, expect, it } from 'vitest';
import { percentile } from './percentiles.ts';

describe('percentile', () => {
  it('is the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN without values, so an empty run cannot pass as fast', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});
