import { describe, expect, it } from 'vitest';
import { histogramBound } from './histogram-bound.ts';

const text = [
  '# HELP churnwatch_commit_duration_seconds …',
  '# TYPE churnwatch_commit_duration_seconds histogram',
  'churnwatch_commit_duration_seconds_bucket{le="0.01",delivery="exactly-once",service="a"} 50',
  'churnwatch_commit_duration_seconds_bucket{le="0.1",delivery="exactly-once",service="a"} 90',
  'churnwatch_commit_duration_seconds_bucket{le="0.5",delivery="exactly-once",service="a"} 99',
  'churnwatch_commit_duration_seconds_bucket{le="+Inf",delivery="exactly-once",service="a"} 100',
  'churnwatch_commit_duration_seconds_sum{delivery="exactly-once",service="a"} 7.5',
  'churnwatch_commit_duration_seconds_count{delivery="exactly-once",service="a"} 100',
  'churnwatch_commit_duration_seconds_bucket{le="0.01",delivery="at-least-once",service="a"} 0',
  'churnwatch_commit_duration_seconds_bucket{le="0.1",delivery="at-least-once",service="a"} 0',
  'churnwatch_commit_duration_seconds_bucket{le="0.5",delivery="at-least-once",service="a"} 0',
  'churnwatch_commit_duration_seconds_bucket{le="+Inf",delivery="at-least-once",service="a"} 100',
].join('\n');

describe('histogramBound', () => {
  it('is the upper bound of the bucket where the cumulative count reaches the quantile', () => {
    const exactlyOnce = (labels: string) => labels.includes('delivery="exactly-once"');
    expect(histogramBound(text, 'churnwatch_commit_duration_seconds', 0.5, exactlyOnce)).toBe(0.01);
    expect(histogramBound(text, 'churnwatch_commit_duration_seconds', 0.9, exactlyOnce)).toBe(0.1);
    expect(histogramBound(text, 'churnwatch_commit_duration_seconds', 0.99, exactlyOnce)).toBe(0.5);
    expect(histogramBound(text, 'churnwatch_commit_duration_seconds', 0.995, exactlyOnce)).toBe(Number.POSITIVE_INFINITY);
  });

  it('sums the label sets it is given, and is null without observations', () => {
    // 200 observations: 50 below 10 ms, 100 above 500 ms.
    expect(histogramBound(text, 'churnwatch_commit_duration_seconds', 0.25)).toBe(0.01);
    expect(histogramBound(text, 'churnwatch_commit_duration_seconds', 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(histogramBound(text, 'churnwatch_processing_latency_seconds', 0.5)).toBeNull();
  });
});
