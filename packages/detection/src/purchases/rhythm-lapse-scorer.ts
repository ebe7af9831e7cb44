import { clamp, roundTo } from '../numbers.ts';
import { dateOfDayIndex, dayIndexOf, isoOf, MS_PER_DAY } from '../time/days.ts';
import { configuredGapPrior, gapEvidence, judgeGap, pauseChanceText, usualGapText } from './gap-lapse.ts';
import type { LapseAssessment, PurchaseLapseScorer } from './lapse-scorer.ts';
import type { PurchaseHistory } from './purchase-history.ts';

const DAYS_PER_YEAR = 365.25;

/**
 * The default lapse scorer: the customer's own purchase gaps (gap-lapse.ts), shrunk towards the
 * segment's usual gap (`priorMeanIntervalDays`, worth `priorIntervals` intervals). Lapsed once
 * P(a pause this long | still buying) falls below `lapseAlpha` (the 95th percentile of the
 * customer's gap distribution by default) and the pause is at least `lapseFactor` usual gaps (2 by
 * default, which decides for most buyers); critical below `criticalLapseAlpha` and from
 * `criticalLapseFactor` usual gaps; all clear on the next purchase. A fixed multiple of the rhythm
 * alone called lapses on ordinary pauses of irregular buyers; the percentile alone called them on
 * the long pauses regular buyers have now and then (defaults.ts has the backtest figures).
 * Recency factor: 1 up to the usual gap, then falling linearly to 0 at the critical point.
 * Expected purchases per year: 365.25 / the usual gap. Pure.
 */
export function createRhythmLapseScorer(): PurchaseLapseScorer {
  return {
    name: 'purchase-gaps',
    assess(history: PurchaseHistory, nowMs, purchases, ruleVersion): LapseAssessment {
      const prior = configuredGapPrior(purchases);
      const judgement = judgeGap(history, nowMs, purchases, prior);
      const gapDays = (nowMs - history.lastPurchaseMs) / MS_PER_DAY;
      const evidence = {
        detector: 'purchase-lapse',
        ruleVersion,
        window: { from: isoOf(history.lastPurchaseMs), to: isoOf(nowMs) },
        observed: {
          model: 'purchase-gaps',
          lastPurchaseAt: isoOf(history.lastPurchaseMs),
          daysSinceLastPurchase: roundTo(gapDays, 2),
          purchaseDays: history.purchaseDays,
          ...gapEvidence(judgement, prior),
        },
        thresholds: { ...purchases },
        ...(judgement === null ? {} : { statistic: { name: 'gap_pause_probability', value: judgement.probability } }),
      };
      if (judgement === null) return { recency: null, lapse: null, evidence, expectedPurchasesPerYear: null, nextCheckMs: null };
      const { model } = judgement;
      const wholeGap = Math.floor(gapDays);
      const lastDate = dateOfDayIndex(dayIndexOf(history.lastPurchaseMs));
      const criticalDays = judgement.criticalAfterMs / MS_PER_DAY;
      const value = criticalDays > model.usualDays ? clamp((criticalDays - gapDays) / (criticalDays - model.usualDays), 0, 1) : gapDays < criticalDays ? 1 : 0;
      const checkpoints = [Math.ceil(model.usualDays * MS_PER_DAY), judgement.lapseAfterMs, judgement.criticalAfterMs]
        .map((afterLastMs) => history.lastPurchaseMs + afterLastMs)
        .filter((atMs) => atMs > nowMs);
      return {
        recency: { value: roundTo(value, 4), detail: `last purchase ${wholeGap} days ago, ${usualGapText(model).replace('buys ', '')}` },
        lapse: judgement.lapsed
          ? {
              severity: judgement.critical ? 'critical' : 'warning',
              headline: `No purchase for ${wholeGap} days (last on ${lastDate}); this customer ${usualGapText(model)}, and ${pauseChanceText(judgement.probability)}`,
              fingerprint: judgement.critical ? 'critical' : 'warning',
            }
          : null,
        evidence,
        expectedPurchasesPerYear: DAYS_PER_YEAR / model.usualDays,
        nextCheckMs: checkpoints.length === 0 ? null : Math.min(...checkpoints),
      };
    },
  };
}
