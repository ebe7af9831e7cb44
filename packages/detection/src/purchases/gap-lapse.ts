import type { Thresholds } from '../config/sections.ts';
import { roundTo } from '../numbers.ts';
import { MS_PER_DAY } from '../time/days.ts';
import { type GapModel, type GapPrior, gapModelOf, pauseDaysAt, pauseProbability } from './gap-survival.ts';
import type { PurchaseHistory } from './purchase-history.ts';

/**
 * The purchase-gap judgement of one customer at `nowMs`: its gap model (gap-survival.ts) over the
 * last `rhythmIntervals` intervals between distinct purchase days, the probability of the current
 * pause for a customer still buying, and from when the pause counts as a lapse (P below
 * `lapseAlpha` and at least `lapseFactor` usual gaps) or a critical one (`criticalLapseAlpha`,
 * `criticalLapseFactor`). Null below `minPurchasesForRhythm` purchase days. Thresholds are in
 * whole ms after the last purchase, shared by the test and the timer, so that the timer's moment
 * always passes the test. Pure.
 */
export interface GapJudgement {
  readonly model: GapModel;
  readonly gapDays: number;
  readonly probability: number;
  readonly lapseAfterMs: number;
  readonly criticalAfterMs: number;
  readonly lapsed: boolean;
  readonly critical: boolean;
}

/** The segment's prior from the thresholds. */
export function configuredGapPrior(purchases: Thresholds['purchases']): GapPrior {
  return { meanIntervalDays: purchases.priorMeanIntervalDays, intervals: purchases.priorIntervals, intervalVariation: purchases.priorIntervalVariation };
}

export function intervalsOf(history: PurchaseHistory, count: number): number[] {
  const days = history.recentPurchaseDays;
  return days
    .slice(1)
    .map((day, i) => day - (days[i] as number))
    .slice(-count);
}

export function judgeGap(history: PurchaseHistory, nowMs: number, purchases: Thresholds['purchases'], prior: GapPrior): GapJudgement | null {
  if (history.purchaseDays < purchases.minPurchasesForRhythm) return null;
  const model = gapModelOf(intervalsOf(history, purchases.rhythmIntervals), prior);
  if (model === null) return null;
  const afterMs = (factor: number, alpha: number) => Math.ceil(Math.max(factor * model.usualDays, pauseDaysAt(model, alpha)) * MS_PER_DAY);
  const lapseAfterMs = afterMs(purchases.lapseFactor, purchases.lapseAlpha);
  const criticalAfterMs = Math.max(lapseAfterMs, afterMs(purchases.criticalLapseFactor, purchases.criticalLapseAlpha));
  const pauseMs = nowMs - history.lastPurchaseMs;
  const gapDays = pauseMs / MS_PER_DAY;
  return {
    model,
    gapDays,
    probability: pauseProbability(model, gapDays),
    lapseAfterMs,
    criticalAfterMs,
    lapsed: pauseMs >= lapseAfterMs,
    critical: pauseMs >= criticalAfterMs,
  };
}

/** The gap model's part of the evidence: usual gap, its spread, the current gap and its probability. */
export function gapEvidence(judgement: GapJudgement | null, prior: GapPrior): Record<string, number | null> {
  if (judgement === null) return { usualGapDays: null, gapSpreadDays: null, pauseProbability: null };
  const { model } = judgement;
  return {
    usualGapDays: roundTo(model.usualDays, 2),
    gapSpreadDays: roundTo(model.spreadDays, 2),
    gapOverUsual: roundTo(judgement.gapDays / model.usualDays, 2),
    pauseProbability: judgement.probability,
    intervals: model.intervals,
    meanIntervalDays: roundTo(model.meanDays, 2),
    intervalShape: roundTo(model.shape, 2),
    priorMeanIntervalDays: roundTo(prior.meanIntervalDays, 2),
    priorIntervals: roundTo(prior.intervals, 3),
    lapseAfterDays: roundTo(judgement.lapseAfterMs / MS_PER_DAY, 2),
    criticalAfterDays: roundTo(judgement.criticalAfterMs / MS_PER_DAY, 2),
  };
}

/** "usually buys every 14 days (± 7)". */
export function usualGapText(model: GapModel): string {
  return `usually buys every ${roundTo(model.usualDays, 1)} days (± ${roundTo(model.spreadDays, 1)})`;
}

/** "a pause this long has a 1.2 % chance for this customer". */
export function pauseChanceText(probability: number): string {
  const percent = probability * 100;
  return `a pause this long has a ${percent < 0.1 ? '< 0.1' : roundTo(percent, 1)} % chance while it keeps buying`;
}
