import { DEFAULT_THRESHOLDS, type PurchaseHistory } from '@churnwatch/detection';
import { ConfigError } from '@churnwatch/errors';
import { type PurchaseModelParameters, probabilityAlive } from '@churnwatch/purchase-models';
import { describe, expect, it } from 'vitest';
import { createModelLapseScorer } from './model-lapse-scorer.ts';

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
const thresholds = { lapseBelowProbability: 0.5, criticalBelowProbability: 0.2 };
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
  it('never calls a one-time buyer lapsed: BG/NBD keeps them alive', () => {
    const result = assess(historyOf([0]), start + 400 * DAY_MS);
    expect(result.recency?.value).toBe(1);
    expect(result.lapse).toBeNull();
    expect(result.nextCheckMs).toBeNull();
  });

  it('reports P(alive) of the customer history in the model unit as the recency factor', () => {
    const history = historyOf([0, 14, 28, 42]);
    const nowMs = start + 70 * DAY_MS;
    const result = assess(history, nowMs);
    // x = 3 repeat days, t_x = 6 weeks, T = 10 weeks less the 10 hours into the first day.
    const ageWeeks = (nowMs - Math.floor(start / DAY_MS) * DAY_MS) / DAY_MS / 7;
    const alive = probabilityAlive(model.bgnbd, { frequency: 3, recency: 6, age: ageWeeks });
    expect(result.recency?.value).toBeCloseTo(alive, 4);
    expect(result.evidence.statistic).toEqual({ name: 'bgnbd_probability_alive', value: alive });
    expect(result.evidence.observed).toMatchObject({ model: 'bg-nbd', repeatPurchaseDays: 3, recencyDays: 42 });
    expect(result.expectedPurchasesPerYear).toBeGreaterThan(0);
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

  it('refuses thresholds out of order, naming both', () => {
    const error = (() => {
      try {
        createModelLapseScorer(model, { lapseBelowProbability: 1.5, criticalBelowProbability: 0 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([expect.stringMatching(/^lapseBelowProbability/), expect.stringMatching(/^criticalBelowProbability/)]);
  });
});
