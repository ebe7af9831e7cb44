import { DEFAULT_THRESHOLDS, gapModelOf, gapShapeOf, type PurchaseHistory, pauseProbability } from '@churnwatch/detection';
import { ConfigError } from '@churnwatch/errors';
import { customerLifetimeValue, expectedMeanSpend, type PurchaseModelParameters, probabilityNoPurchase } from '@churnwatch/purchase-models';
import { describe, expect, it } from 'vitest';
import { createModelLapseScorer, defaultModelLapseThresholds } from './model-lapse-scorer.ts';

const DAY_MS = 86_400_000;
// The CDNOW sample's published BG/NBD fit (weeks).
const model: PurchaseModelParameters = {
  schemaVersion: 1,
  unit: 'weeks',
  fittedOn: 'cdnow sample',
  calibrationEnd: '1997-09-30',
  customers: 2357,
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 },
};
const thresholds = { lapseBelowProbability: 0.5, criticalBelowProbability: 0.2, horizonDays: 90 };
const scorer = createModelLapseScorer(model, thresholds);
const start = Date.parse('2026-01-05T10:00:00Z');

/** Purchases on the given day offsets from `start`. */
function historyOf(dayOffsets: readonly number[]): PurchaseHistory {
  const days = dayOffsets.map((offset) => Math.floor((start + offset * DAY_MS) / DAY_MS));
  return {
    purchaseCount: dayOffsets.length,
    purchaseDays: new Set(days).size,
    firstPurchaseMs: start + Math.min(...dayOffsets) * DAY_MS,
    lastPurchaseMs: start + Math.max(...dayOffsets) * DAY_MS,
    recentPurchaseDays: [...new Set(days)].sort((a, b) => a - b),
    revenueCents: dayOffsets.length * 5000,
    ordersInReportingCurrency: dayOffsets.length,
  };
}

const assess = (history: PurchaseHistory, nowMs: number) => scorer.assess(history, nowMs, DEFAULT_THRESHOLDS.purchases, 'test-rules');

describe('model lapse scorer', () => {
  it('covers a one-time buyer: its chance of buying again falls as time passes', () => {
    const early = assess(historyOf([0]), start + 20 * DAY_MS);
    const late = assess(historyOf([0]), start + 400 * DAY_MS);
    // x = 0, t_x = 0, T = 400 days less the 10 hours into the first day, in weeks; horizon 90 days.
    const ageWeeks = (start + 400 * DAY_MS - Math.floor(start / DAY_MS) * DAY_MS) / DAY_MS / 7;
    const chance = 1 - probabilityNoPurchase(model.bgnbd, { frequency: 0, recency: 0, age: ageWeeks }, 90 / 7);
    expect(late.evidence.statistic).toEqual({ name: 'probability_purchase_within_horizon', value: chance });
    // 1 − ((alpha + T)/(alpha + T + 90/7))^r, T = 57.20 weeks (python: 0.04500805006279951).
    expect(chance).toBeCloseTo(0.04500805, 8);
    expect(late.lapse?.severity).toBe('critical');
    expect(late.evidence.observed).toMatchObject({ model: 'bg-nbd', probabilityAlive: 1, horizonDays: 90 });
    expect(early.evidence.statistic?.value).toBeGreaterThan(chance);
  });

  it('with a rhythm, judges the pause by the customer’s own gaps and BG/NBD’s dropout', () => {
    const history = historyOf([0, 14, 28, 42]);
    const nowMs = start + 70 * DAY_MS;
    const result = assess(history, nowMs);
    // Gaps 14, 14, 14 shrunk towards the population's (r/k intervals of alpha/r weeks, BG/NBD's
    // exponential spread: variation 1); dropout after a purchase a/(a+b+x) with x = 3;
    // P(alive) = (1−π)S(g) / ((1−π)S(g) + π), g = 28 days.
    const k = gapShapeOf([14, 14, 14], 1);
    // Three equal gaps: the squared variation is the prior's 1 weighted 2 against 0 weighted 2, so k = 2.
    expect(k).toBe(2);
    const gaps = gapModelOf([14, 14, 14], { meanIntervalDays: (model.bgnbd.alpha * 7) / model.bgnbd.r, intervals: model.bgnbd.r / k, intervalVariation: 1 })!;
    const dropout = model.bgnbd.a / (model.bgnbd.a + model.bgnbd.b + 3);
    const survival = pauseProbability(gaps, 28);
    const alive = ((1 - dropout) * survival) / ((1 - dropout) * survival + dropout);
    const chance = alive * (1 - pauseProbability(gaps, 28 + 90) / survival);
    expect(result.evidence.statistic?.value).toBeCloseTo(chance, 12);
    // scipy: 1 − betainc(k, a, g/(g+b)) for S, the same formula: 0.623884638420104.
    expect(result.evidence.statistic?.value).toBeCloseTo(0.623884638420104, 12);
    expect(result.evidence.observed).toMatchObject({ model: 'bg-nbd+gaps', repeatPurchaseDays: 3, recencyDays: 42, intervals: 3, meanIntervalDays: 14 });
    expect(result.evidence.observed.probabilityAlive).toBeCloseTo(alive, 4);
    expect(result.expectedPurchasesPerYear).toBeCloseTo(365.25 / gaps.usualDays, 10);
  });

  it('does not call a few-purchase or an irregular buyer lapsed after a 100-day pause (the defaults: below 0.2 within 273 days)', () => {
    const cliScorer = createModelLapseScorer(model, defaultModelLapseThresholds);
    const judge = (offsets: readonly number[]) =>
      cliScorer.assess(historyOf(offsets), start + ((offsets.at(-1) as number) + 100) * DAY_MS, DEFAULT_THRESHOLDS.purchases, 'test-rules');
    // Three purchases, gaps 20 and 40. scipy, as above: 0.41882346942481513. With the rhythm
    // scorer's spread prior of 0.5 instead of the model's 1 it was 0.11917387025688762: lapsed.
    const few = judge([0, 20, 60]);
    expect(few.evidence.statistic?.value).toBeCloseTo(0.41882346942481513, 12);
    expect(few.evidence.observed).toMatchObject({ intervals: 2, intervalShape: 1.35 });
    expect(few.lapse).toBeNull();
    // Gaps 5, 40, 12, 60, 9: scipy 0.3841668051573825.
    const irregular = judge([0, 5, 45, 57, 117, 126]);
    expect(irregular.evidence.statistic?.value).toBeCloseTo(0.3841668051573825, 12);
    expect(irregular.lapse).toBeNull();
  });

  it('sets the next check where P(alive) crosses a threshold, and lapses from there', () => {
    const history = historyOf([0, 7, 14, 21, 28]);
    const before = assess(history, start + 30 * DAY_MS);
    expect(before.lapse).toBeNull();
    const warnAt = before.nextCheckMs as number;
    expect(warnAt).toBeGreaterThan(start + 30 * DAY_MS);
    expect(assess(history, warnAt - 120_000).lapse).toBeNull();
    const warned = assess(history, warnAt);
    expect(warned.lapse?.severity).toBe('warning');
    expect(warned.evidence.statistic?.value).toBeLessThan(0.5);
    const criticalAt = warned.nextCheckMs as number;
    expect(criticalAt).toBeGreaterThan(warnAt);
    expect(assess(history, criticalAt - 120_000).lapse?.severity).toBe('warning');
    const critical = assess(history, criticalAt);
    expect(critical.lapse?.severity).toBe('critical');
    expect(critical.nextCheckMs).toBeNull();
    expect(critical.lapse?.headline).toMatch(/No purchase for \d+ days \(last on 2026-02-02\)/);
  });

  it('values the customer by the fitted models: Gamma-Gamma order value × discounted BG/NBD purchases', () => {
    const withSpend: PurchaseModelParameters = { ...model, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44, logLikelihood: -4055.9, customers: 946 } };
    const history = historyOf([0, 14, 28, 42]);
    const nowMs = start + 50 * DAY_MS;
    const result = createModelLapseScorer(withSpend, thresholds).assess(history, nowMs, DEFAULT_THRESHOLDS.purchases, 'test-rules');
    const ageWeeks = (nowMs - Math.floor(start / DAY_MS) * DAY_MS) / DAY_MS / 7;
    // 4 purchase days of 50.00: mean spend 50 per day; x = 3 repeat days; 3 years, 10 % a year, quarterly.
    const orderValue = expectedMeanSpend(withSpend.gammaGamma!, 3, 50);
    const clv = customerLifetimeValue(withSpend.bgnbd, { frequency: 3, recency: 6, age: ageWeeks }, orderValue, {
      horizon: (3 * 365.25) / 7,
      annualDiscountRate: 0.1,
      unitsPerYear: 365.25 / 7,
      periodsPerYear: 4,
    });
    expect(result.lifetimeValueCents).toBeCloseTo(clv * 100, 6);
    expect(clv).toBeGreaterThan(0);
    // Without a spend model the monitor estimates the value itself.
    expect(assess(history, nowMs).lifetimeValueCents).toBeUndefined();
  });

  it('refuses thresholds out of order, naming both', () => {
    const error = (() => {
      try {
        createModelLapseScorer(model, { lapseBelowProbability: 1.5, criticalBelowProbability: 0, horizonDays: 90 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([expect.stringMatching(/^lapseBelowProbability/), expect.stringMatching(/^criticalBelowProbability/)]);
  });
});
