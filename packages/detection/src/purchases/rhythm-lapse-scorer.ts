import { clamp, roundTo } from '../numbers.ts';
import { dateOfDayIndex, dayIndexOf, isoOf, MS_PER_DAY } from '../time/days.ts';
import { gapModelOf, pauseDaysAt, pauseProbability } from './gap-survival.ts';
import type { LapseAssessment, PurchaseLapseScorer } from './lapse-scorer.ts';
import type { PurchaseHistory } from './purchase-history.ts';

const DAYS_PER_YEAR = 365.25;

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The default lapse scorer: the customer's own rhythm. Rhythm r = the median of the last
 * `rhythmIntervals` intervals between distinct purchase days (the median, so one long holiday
 * gap does not stretch it). With at least `minPurchasesForRhythm` purchase days, the customer has
 * lapsed once the pause since the last purchase is both at least `lapseFactor` × r and so long
 * that P(a pause that long) < `lapseAlpha` given the spread of its own intervals (gap-survival.ts);
 * critical at `criticalLapseFactor` × r and `criticalLapseAlpha`. A fixed multiple alone called
 * lapses on ordinary pauses: a regular buyer whose intervals vary by half their mean passes twice
 * its median about once in fifteen intervals, so most weekly buyers "lapsed" within a year.
 * Recency factor: 1 up to r days, then falling linearly to 0 at `criticalLapseFactor` × r.
 * Expected purchases per year: 365.25 / r. Pure.
 */
export function createRhythmLapseScorer(): PurchaseLapseScorer {
  return {
    name: 'purchase-rhythm',
    assess(history: PurchaseHistory, nowMs, purchases, ruleVersion): LapseAssessment {
      const days = history.recentPurchaseDays;
      const intervals = days
        .slice(1)
        .map((day, i) => day - (days[i] as number))
        .slice(-purchases.rhythmIntervals);
      const gapDays = (nowMs - history.lastPurchaseMs) / MS_PER_DAY;
      const known = history.purchaseDays >= purchases.minPurchasesForRhythm && intervals.length > 0;
      const rhythmDays = known ? median(intervals) : null;
      const model = rhythmDays === null || rhythmDays <= 0 ? null : gapModelOf(intervals);
      // Thresholds in whole ms, shared by the test and the timer, so that the timer's moment always passes the test.
      const afterMs = (factor: number, alpha: number) =>
        model === null || rhythmDays === null ? null : Math.ceil(Math.max(factor * rhythmDays, pauseDaysAt(model, alpha)) * MS_PER_DAY);
      const lapseAfterMs = afterMs(purchases.lapseFactor, purchases.lapseAlpha);
      const criticalAfterMs = afterMs(purchases.criticalLapseFactor, purchases.criticalLapseAlpha);
      const evidence = {
        detector: 'purchase-lapse',
        ruleVersion,
        window: { from: isoOf(history.lastPurchaseMs), to: isoOf(nowMs) },
        observed: {
          model: 'purchase-rhythm',
          lastPurchaseAt: isoOf(history.lastPurchaseMs),
          daysSinceLastPurchase: roundTo(gapDays, 2),
          rhythmDays,
          purchaseDays: history.purchaseDays,
          gapOverRhythm: rhythmDays === null ? null : roundTo(gapDays / rhythmDays, 2),
          meanIntervalDays: model === null ? null : roundTo(model.meanDays, 2),
          intervalShape: model === null ? null : roundTo(model.shape, 2),
          lapseAfterDays: lapseAfterMs === null ? null : roundTo(lapseAfterMs / MS_PER_DAY, 2),
          pauseProbability: model === null ? null : pauseProbability(model, gapDays),
        },
        thresholds: { ...purchases },
      };
      if (rhythmDays === null || lapseAfterMs === null || criticalAfterMs === null) {
        return { recency: null, lapse: null, evidence, expectedPurchasesPerYear: null, nextCheckMs: null };
      }
      const pauseMs = nowMs - history.lastPurchaseMs;
      const lapsed = pauseMs >= lapseAfterMs;
      const critical = pauseMs >= criticalAfterMs;
      const wholeGap = Math.floor(gapDays);
      const lastDate = dateOfDayIndex(dayIndexOf(history.lastPurchaseMs));
      const value = clamp((purchases.criticalLapseFactor * rhythmDays - gapDays) / ((purchases.criticalLapseFactor - 1) * rhythmDays), 0, 1);
      const checkpoints = [Math.ceil(rhythmDays * MS_PER_DAY), lapseAfterMs, criticalAfterMs]
        .map((afterLastMs) => history.lastPurchaseMs + afterLastMs)
        .filter((atMs) => atMs > nowMs);
      return {
        recency: { value: roundTo(value, 4), detail: `last purchase ${wholeGap} days ago, usually every ${roundTo(rhythmDays, 1)} days` },
        lapse: lapsed
          ? {
              severity: critical ? 'critical' : 'warning',
              headline: `No purchase for ${wholeGap} days (last on ${lastDate}); this customer usually buys every ${roundTo(rhythmDays, 1)} days`,
              fingerprint: critical ? 'critical' : 'warning',
            }
          : null,
        evidence,
        expectedPurchasesPerYear: DAYS_PER_YEAR / rhythmDays,
        nextCheckMs: checkpoints.length === 0 ? null : Math.min(...checkpoints),
      };
    },
  };
}
