import { regularizedGammaQ } from '../stats/incomplete-gamma.ts';

/**
 * How unusual a pause in buying is for one customer. The intervals between its buying days are
 * taken as gamma distributed with their mean m and a shape k from their spread (k = m²/s², the
 * sample variance s²): k = 1 is memoryless buying, a large k clockwork. The shape is kept within
 * [1, MAX_SHAPE] and is 1 with fewer than MIN_INTERVALS_FOR_SPREAD intervals, so that a customer
 * whose spread is not known yet is assumed irregular rather than punctual. P(a pause of g days or
 * more) = Q(k, g·k/m). Pure.
 */
export interface GapModel {
  readonly meanDays: number;
  readonly shape: number;
}

export const MIN_INTERVALS_FOR_SPREAD = 4;
const MAX_SHAPE = 20;
const PRIOR_INTERVALS = 2;

export function gapModelOf(intervals: readonly number[]): GapModel | null {
  if (intervals.length === 0) return null;
  const meanDays = intervals.reduce((sum, interval) => sum + interval, 0) / intervals.length;
  if (!(meanDays > 0)) return null;
  if (intervals.length < MIN_INTERVALS_FOR_SPREAD) return { meanDays, shape: 1 };
  const variance = intervals.reduce((sum, interval) => sum + (interval - meanDays) ** 2, 0) / (intervals.length - 1);
  // A few intervals understate the spread; their squared coefficient of variation is pulled
  // towards memoryless buying (1) with the weight of PRIOR_INTERVALS intervals.
  const degrees = intervals.length - 1;
  const squaredVariation = (PRIOR_INTERVALS + degrees * (variance / meanDays ** 2)) / (PRIOR_INTERVALS + degrees);
  return { meanDays, shape: Math.min(MAX_SHAPE, Math.max(1, 1 / squaredVariation)) };
}

/** P(a pause of at least `gapDays`) for this customer. */
export function pauseProbability(model: GapModel, gapDays: number): number {
  return gapDays <= 0 ? 1 : regularizedGammaQ(model.shape, (gapDays * model.shape) / model.meanDays);
}

/** The pause in days after which P(a pause that long) falls below `alpha` (bisection to a minute). */
export function pauseDaysAt(model: GapModel, alpha: number): number {
  let low = 0;
  let high = model.meanDays;
  while (pauseProbability(model, high) >= alpha) high *= 2;
  while (high - low > 1 / 1440) {
    const middle = (low + high) / 2;
    if (pauseProbability(model, middle) >= alpha) low = middle;
    else high = middle;
  }
  return high;
}
