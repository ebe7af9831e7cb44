import { normalQuantile } from './normal-quantile.ts';

/** A least-squares line through samples, with a confidence interval of its slope (95 % unless asked otherwise). */
export interface Trend {
  /** Units of y per unit of x. */
  readonly slope: number;
  readonly slopeLow: number;
  readonly slopeHigh: number;
  readonly samples: number;
  /** Samples worth of independent information: fewer than `samples` when neighbours are correlated. */
  readonly effectiveSamples: number;
}

/** The `p` quantile of Student's t with `df` degrees of freedom (Cornish–Fisher expansion; exact to 0.01 from df 3 at 0.975). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  return (
    z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

/**
 * Pure: ordinary least squares of y on x, with a two-sided `level` interval of the slope. Memory
 * samples are autocorrelated (a heap grows between collections), which makes the textbook
 * interval too narrow; the slope's standard error is widened by the lag-1 autocorrelation r of the
 * residuals: n_eff = n (1 − r) / (1 + r).
 * Needs at least 4 samples.
 */
export function linearTrend(points: readonly { readonly x: number; readonly y: number }[], level = 0.95): Trend {
  const n = points.length;
  if (n < 4) throw new RangeError(`a trend needs at least 4 samples, got ${n}`);
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const slope = sxy / sxx;
  const residuals = points.map((p) => p.y - meanY - slope * (p.x - meanX));
  const sse = residuals.reduce((sum, r) => sum + r * r, 0);
  let lagged = 0;
  for (let i = 1; i < n; i++) lagged += (residuals[i] as number) * (residuals[i - 1] as number);
  const r1 = sse === 0 ? 0 : Math.max(0, lagged / sse);
  const effectiveSamples = Math.max(3, (n * (1 - r1)) / (1 + r1));
  const df = effectiveSamples - 2;
  // The residual variance per effective sample, over the spread of x scaled the same way.
  const standardError = Math.sqrt(sse / (n - 2) / sxx) * Math.sqrt((n - 2) / df);
  const half = tQuantile(1 - (1 - level) / 2, df) * standardError;
  return { slope, slopeLow: slope - half, slopeHigh: slope + half, samples: n, effectiveSamples };
}

/** Growth is shown when the whole interval lies above zero: the data rule out a flat or falling line. */
export const grows = (trend: Trend): boolean => trend.slopeLow > 0;

/** A span's trend, and its last half's. */
export interface SpanTrends {
  readonly whole: Trend;
  /** Undefined when the last half has fewer than 4 samples. */
  readonly lastHalf: Trend | undefined;
}

export function spanTrends(points: readonly { readonly x: number; readonly y: number }[], level = 0.95): SpanTrends {
  const lastHalf = points.slice(Math.floor(points.length / 2));
  return { whole: linearTrend(points, level), lastHalf: lastHalf.length >= 4 ? linearTrend(lastHalf, level) : undefined };
}

/**
 * Growth that lasts: shown over the whole span and again over its last half (the whole span alone
 * when its last half is too short to judge). A leak grows at its own pace to the end; what V8's
 * compiler adds while it optimises more and more of the program levels off, and in a 95-minute
 * soak it did so after about an hour, its line through the whole span still rising. Both
 * intervals must lie above zero, so a flat series fails no more often than either test alone
 * (an intersection-union test: no share of the error rate is given up).
 */
export const growsToTheEnd = (trends: SpanTrends): boolean => grows(trends.whole) && (trends.lastHalf === undefined || grows(trends.lastHalf));
