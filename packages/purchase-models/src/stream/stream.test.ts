import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../bgnbd/expected-purchases.ts';
import { probabilityAlive } from '../bgnbd/posterior.ts';
import { expectedMeanSpend } from '../gamma-gamma/expected-spend.ts';
import type { PurchaseModelParameters } from '../parameters-file.ts';
import { MS_PER_DAY } from '../units.ts';
import {
  expectedOrderValue,
  expectedPurchasesWithin,
  historyAt,
  lifetimeValueWithin,
  probabilityAliveAt,
  probabilityNoPurchaseWithin,
  purchaseOutlook,
} from './outlook.ts';
import { addPurchase, type PurchaseFact, type RunningPurchaseSummary } from './running-summary.ts';

const at = (iso: string, amount: number): PurchaseFact => ({ eventTimeMs: Date.parse(iso), amount });
const fold = (purchases: readonly PurchaseFact[]) => purchases.reduce<RunningPurchaseSummary | undefined>(addPurchase, undefined)!;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;

const inWeeks: PurchaseModelParameters = {
  schemaVersion: 1,
  unit: 'weeks',
  fittedOn: 'test',
  calibrationEnd: '1997-09-30',
  customers: 2357,
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44, logLikelihood: -4055.9, customers: 946 },
};
const inDays: PurchaseModelParameters = { ...inWeeks, unit: 'days', bgnbd: { ...inWeeks.bgnbd, alpha: inWeeks.bgnbd.alpha * 7 } };

describe('addPurchase', () => {
  it('merges purchases of one UTC day and counts later days as repeats', () => {
    const summary = fold([
      at('2026-01-05T08:00:00Z', 10),
      at('2026-01-05T22:00:00Z', 5),
      at('2026-01-20T10:00:00Z', 30),
      at('2026-01-20T11:00:00Z', 2),
      at('2026-02-02T10:00:00Z', 8),
    ]);
    expect(summary).toEqual({
      firstPurchaseDay: day('2026-01-05'),
      lastPurchaseDay: day('2026-02-02'),
      repeatPurchaseDays: 2,
      repeatSpend: 40,
      firstDaySpend: 15,
    });
  });

  it('is exact for late purchases on the first or last day or before the first', () => {
    const inOrder = [
      at('2026-01-01T10:00:00Z', 4),
      at('2026-01-05T10:00:00Z', 10),
      at('2026-01-05T12:00:00Z', 1),
      at('2026-01-09T10:00:00Z', 3),
      at('2026-01-09T11:00:00Z', 6),
    ];
    const late = [inOrder[1]!, inOrder[3]!, inOrder[2]!, inOrder[0]!, inOrder[4]!];
    expect(fold(late)).toEqual(fold(inOrder));
  });

  it('survives a JSON round trip unchanged', () => {
    const summary = fold([at('2026-01-05T08:00:00Z', 10), at('2026-01-20T10:00:00Z', 30)]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('purchase outlook', () => {
  const summary = fold([at('2026-01-01T10:00:00Z', 20), at('2026-02-12T10:00:00Z', 35), at('2026-04-02T09:00:00Z', 15)]);
  const nowMs = Date.parse('2026-06-15T12:00:00Z');

  it('measures recency in whole days and age up to now, in the model’s unit', () => {
    const days = historyAt(inDays, summary, nowMs);
    expect(days).toEqual({ frequency: 2, recency: 91, age: day('2026-06-15') + 0.5 - day('2026-01-01') });
    expect(historyAt(inWeeks, summary, nowMs)).toEqual({ frequency: 2, recency: 13, age: days.age / 7 });
    // A clock behind the last purchase cannot make the age shorter than the recency.
    expect(historyAt(inDays, summary, Date.parse('2026-03-01T00:00:00Z')).age).toBe(91);
  });

  it('says the same whichever unit the model was fitted in', () => {
    const weeks = purchaseOutlook(inWeeks, summary, nowMs, { horizonDays: 90, annualDiscountRate: 0.1 });
    const days = purchaseOutlook(inDays, summary, nowMs, { horizonDays: 90, annualDiscountRate: 0.1 });
    for (const key of Object.keys(weeks) as (keyof typeof weeks)[]) expect(days[key]).toBeCloseTo(weeks[key]!, 10);
  });

  it('computes each figure with the batch models on the summary’s history', () => {
    const history = historyAt(inWeeks, summary, nowMs);
    expect(probabilityAliveAt(inWeeks, summary, nowMs)).toBe(probabilityAlive(inWeeks.bgnbd, history));
    expect(expectedPurchasesWithin(inWeeks, summary, nowMs, 91)).toBeCloseTo(expectedPurchases(inWeeks.bgnbd, history, 13), 12);
    expect(expectedOrderValue(inWeeks, summary)).toBe(expectedMeanSpend(inWeeks.gammaGamma!, 2, 25));
    expect(lifetimeValueWithin(inWeeks, summary, nowMs, 365, 0)).toBeCloseTo(
      expectedOrderValue(inWeeks, summary)! * expectedPurchasesWithin(inWeeks, summary, nowMs, 365),
      8,
    );
  });

  it('leaves order value and CLV undefined when the parameters carry no spend model', () => {
    const { gammaGamma: _spend, ...withoutSpend } = inWeeks;
    const outlook = purchaseOutlook(withoutSpend, summary, nowMs, { horizonDays: 90, annualDiscountRate: 0.1 });
    expect(outlook.expectedOrderValue).toBeUndefined();
    expect(outlook.lifetimeValue).toBeUndefined();
    expect(outlook.expectedPurchases).toBe(expectedPurchasesWithin(inWeeks, summary, nowMs, 90));
  });

  it('lets risk grow with silence: P(alive) falls and P(no purchase in 30 days) rises', () => {
    const later = nowMs + 120 * MS_PER_DAY;
    expect(probabilityAliveAt(inDays, summary, later)).toBeLessThan(probabilityAliveAt(inDays, summary, nowMs));
    expect(probabilityNoPurchaseWithin(inDays, summary, later, 30)).toBeGreaterThan(probabilityNoPurchaseWithin(inDays, summary, nowMs, 30));
  });

  it('values a one-off buyer at the population mean order value, alive for sure', () => {
    const once = fold([at('2026-01-01T10:00:00Z', 500)]);
    expect(expectedOrderValue(inDays, once)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(probabilityAliveAt(inDays, once, nowMs)).toBe(1);
  });
});
