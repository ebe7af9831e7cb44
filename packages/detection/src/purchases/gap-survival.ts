import { regularizedBeta } from '../stats/incomplete-beta.ts';

/**
 * How unusual a pause in buying is for one customer who is still buying. The intervals between
 * its buying days are gamma distributed with shape k (k = 1 memoryless buying, a large k
 * clockwork) and an unknown scale θ. k comes from the spread of the intervals (k = m²/s²): their
 * squared coefficient of variation is pulled towards the prior's (`prior.intervalVariation`²) with
 * the weight of SPREAD_PRIOR_INTERVALS intervals and kept within [1, MAX_SHAPE]; with a single
 * interval it is the prior's.
 *
 * The rate 1/θ has a gamma prior worth `prior.intervals` intervals of mean `prior.meanIntervalDays`
 * (the segment's usual gap, or the fitted population's): shape a₀ = w·k, rate b₀ = w·m₀. After n
 * intervals summing to S it is Gamma(a = (w + n)·k, b = w·m₀ + S), and the next gap G is
 * b · BetaPrime(k, a), so
 *   P(G ≥ g) = 1 − I_{g/(g+b)}(k, a)
 * (I the regularised incomplete beta). Unlike the plug-in gamma tail, this carries the
 * uncertainty of a rhythm seen a few times: its tail is heavier the fewer the intervals, so a
 * customer with three purchases is not called lapsed on a pause its own history cannot judge.
 * Pure.
 */
export interface GapPrior {
  /** The prior's mean interval between purchase days, days > 0. */
  readonly meanIntervalDays: number;
  /** Its weight in intervals, ≥ 0 (0: the customer's own intervals alone). */
  readonly intervals: number;
  /** The usual coefficient of variation of a buyer's gaps (1: memoryless), > 0. */
  readonly intervalVariation: number;
}

export interface GapModel {
  /** Intervals the model was fitted on. */
  readonly intervals: number;
  /** The customer's own mean interval, days. */
  readonly meanDays: number;
  /** Gamma shape k of one interval. */
  readonly shape: number;
  /** The posterior Gamma(a, b) of the interval rate 1/θ: a and b (days). */
  readonly rateShape: number;
  readonly rateDays: number;
  /** The usual gap, the posterior mean of k·θ = (w·m₀ + S)/(w + n − 1/k), days. */
  readonly usualDays: number;
  /** The spread of one interval around it (standard deviation at the usual gap, usual/√k), days. */
  readonly spreadDays: number;
}

const MAX_SHAPE = 20;
const SPREAD_PRIOR_INTERVALS = 2;
export const NO_GAP_PRIOR: GapPrior = { meanIntervalDays: 1, intervals: 0, intervalVariation: 1 };

/** The shape k from the intervals' spread (see above). */
export function gapShapeOf(intervals: readonly number[], intervalVariation: number): number {
  const n = intervals.length;
  const priorSquared = intervalVariation ** 2;
  let squaredVariation = priorSquared;
  if (n >= 2) {
    const mean = intervals.reduce((sum, interval) => sum + interval, 0) / n;
    const variance = intervals.reduce((sum, interval) => sum + (interval - mean) ** 2, 0) / (n - 1);
    const degrees = n - 1;
    squaredVariation = (SPREAD_PRIOR_INTERVALS * priorSquared + degrees * (variance / mean ** 2)) / (SPREAD_PRIOR_INTERVALS + degrees);
  }
  return Math.min(MAX_SHAPE, Math.max(1, 1 / squaredVariation));
}

/** The model of a customer's gaps; null without an interval (or with a zero mean). */
export function gapModelOf(intervals: readonly number[], prior: GapPrior = NO_GAP_PRIOR): GapModel | null {
  const n = intervals.length;
  if (n === 0) return null;
  const sum = intervals.reduce((total, interval) => total + interval, 0);
  if (!(sum > 0)) return null;
  const shape = gapShapeOf(intervals, prior.intervalVariation);
  const weight = prior.intervals;
  const rateShape = (weight + n) * shape;
  const rateDays = weight * prior.meanIntervalDays + sum;
  const usualDays = rateShape > 1 ? (shape * rateDays) / (rateShape - 1) : sum / n;
  return { intervals: n, meanDays: sum / n, shape, rateShape, rateDays, usualDays, spreadDays: usualDays / Math.sqrt(shape) };
}

/** P(a pause of at least `gapDays`) for a customer who is still buying. */
export function pauseProbability(model: GapModel, gapDays: number): number {
  if (gapDays <= 0) return 1;
  return regularizedBeta(model.rateDays / (gapDays + model.rateDays), model.rateShape, model.shape);
}

/** The pause in days from which P(a pause that long) is below `alpha` (bisection to a minute). */
export function pauseDaysAt(model: GapModel, alpha: number): number {
  let low = 0;
  let high = model.usualDays;
  while (pauseProbability(model, high) >= alpha) high *= 2;
  while (high - low > 1 / 1440) {
    const middle = (low + high) / 2;
    if (pauseProbability(model, middle) >= alpha) low = middle;
    else high = middle;
  }
  return high;
}
