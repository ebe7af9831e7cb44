import { describe, expect, it } from 'vitest';
import { createDriver } from '../../test/drive.ts';
import { at, DAY_MS, purchase } from '../../test/fixtures.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import type { PurchaseLapseScorer } from './lapse-scorer.ts';
import { modelHistoryOf, recordPurchase } from './purchase-history.ts';
import { createPurchaseMonitor } from './purchase-monitor.ts';

function purchaseDriver(scorer?: PurchaseLapseScorer, config: unknown = {}) {
  const driver = createDriver([createPurchaseMonitor(parseDetectionConfig(config), scorer === undefined ? {} : { scorer })]);
  const signals = () => driver.outputsTo('signals').map((output) => output.value as SignalV1);
  return { driver, signals };
}

const firstLapse = (signals: readonly SignalV1[]) => signals.find((signal) => signal.findings.length > 0);
const minutesFrom = (iso: string | undefined, expectedMs: number) => Math.abs(Date.parse(iso ?? '') - expectedMs) / 60_000;

// Eight purchases a fortnight apart: seven intervals of exactly 14 days. Their squared coefficient
// of variation, 0, pulled towards the prior 0.5² with the weight of two intervals: (2 × 0.25 + 6 × 0) / 8
// = 1/16, so the gamma shape k = 16. The rate of the gap scale: prior worth 0.5 intervals of 30 days,
// a = (0.5 + 7) × 16 = 120, b = 0.5 × 30 + 98 = 113; usual gap k·b/(a − 1) = 15.193 days, spread 15.193/4.
// (scipy: b·(1/betaincinv(a, k, p) − 1) gives the pause with P(G ≥ g) = p.)
const fortnightly = ['2026-01-05', '2026-01-19', '2026-02-02', '2026-02-16', '2026-03-02', '2026-03-16', '2026-03-30', '2026-04-13'];

describe('purchase monitor', () => {
  it('learns a regular buyer’s gaps and flags a lapse at two usual gaps, critical at two and a half, with no event', () => {
    const { driver, signals } = purchaseDriver();
    for (const date of fortnightly) driver.send(purchase('shop', at(date, 10), '50.00'));
    const learned = signals().at(-1);
    expect(learned?.factor).toEqual({ value: 1, detail: 'last purchase 0 days ago, usually every 15.2 days (± 3.8)' });
    // CLV = 50.00 × 365.25/15.193 purchases a year × 3 years.
    expect(learned?.facts).toEqual({
      purchaseCount: 8,
      revenue: { amount: '400.00', currency: 'EUR' },
      customerValue: { amount: '3606.04', currency: 'EUR' },
      customerValueMethod: 'order_rate',
      dormant: false,
    });
    driver.advanceTo(at('2026-06-01'));
    // P(a pause ≥ 22.480 days) = 0.05 for this buyer, but the floor of 2 usual gaps (30.387 days)
    // decides; a pause that long has P = 0.00165.
    const lapsed = firstLapse(signals());
    expect(minutesFrom(lapsed?.eventTime, at('2026-04-13', 10) + 2 * 15.193277310924369 * DAY_MS)).toBeLessThan(1);
    expect(lapsed?.findings[0]).toMatchObject({
      kind: 'purchase_lapse',
      severity: 'warning',
      headline:
        'No purchase for 30 days (last on 2026-04-13); this customer usually buys every 15.2 days (± 3.8), and a pause this long has a 0.2 % chance while it keeps buying',
    });
    expect(lapsed?.findings[0]?.evidence[0]?.observed).toMatchObject({
      usualGapDays: 15.19,
      gapSpreadDays: 3.8,
      intervals: 7,
      meanIntervalDays: 14,
      intervalShape: 16,
      priorMeanIntervalDays: 30,
      priorIntervals: 0.5,
      pauseProbability: expect.closeTo(0.0016530044763262502, 6),
      lapseAfterDays: 30.39,
      criticalAfterDays: 37.98,
    });
    expect(lapsed?.findings[0]?.evidence[0]?.statistic?.name).toBe('gap_pause_probability');
    // Critical: P < 0.0025 from 29.50 days, but the floor of 2.5 usual gaps (37.98 days) decides.
    const critical = signals().at(-1);
    expect(minutesFrom(critical?.eventTime, at('2026-04-13', 10) + 2.5 * 15.193277310924369 * DAY_MS)).toBeLessThan(1);
    expect(critical?.findings[0]).toMatchObject({ severity: 'critical', since: lapsed?.findings[0]?.since });
    expect(critical?.factor?.value).toBe(0);
    driver.send(purchase('shop', at('2026-06-02', 10), '50.00'));
    expect(signals().at(-1)?.findings).toEqual([]);
  });

  it('does not alert an irregular buyer on a pause that is ordinary for it', () => {
    const { driver, signals } = purchaseDriver();
    // Intervals 5, 30, 8, 25, 10, 20, 6, 28: mean 16.5, variance 108; squared variation
    // (2 × 0.25 + 7 × 108/16.5²) / 9 = 0.364, k = 2.747; a = 8.5k, b = 15 + 132 = 147.
    const dates = ['2026-01-05', '2026-01-10', '2026-02-09', '2026-02-17', '2026-03-14', '2026-03-24', '2026-04-13', '2026-04-19', '2026-05-17'];
    for (const date of dates) driver.send(purchase('shop', at(date, 10), '50.00'));
    // A 30-day pause (1.7 usual gaps) has P = 0.1395 for this buyer, and even one of two usual gaps
    // (36.14 days) is no lapse: P(a pause ≥ 40.710 days) = 0.05 decides.
    driver.advanceTo(at('2026-06-16', 12));
    expect(firstLapse(signals())).toBeUndefined();
    driver.advanceTo(at('2026-06-25', 10));
    expect(firstLapse(signals())).toBeUndefined();
    driver.advanceTo(at('2026-08-01'));
    const lapsed = firstLapse(signals());
    expect(minutesFrom(lapsed?.eventTime, at('2026-05-17', 10) + 40.70992557362025 * DAY_MS)).toBeLessThan(1);
    expect(lapsed?.findings[0]?.evidence[0]?.observed).toMatchObject({ intervalShape: 2.75, meanIntervalDays: 16.5, usualGapDays: 18.07 });
  });

  it('waits longer for a buyer seen only a few times: its rhythm is uncertain', () => {
    // The floor lowered to 1.1 usual gaps, so that the percentile shows.
    const { driver, signals } = purchaseDriver(undefined, { defaults: { purchases: { lapseFactor: 1.1 } } });
    // Two intervals of 14 days: k = 1/((2 × 0.25 + 0)/3) = 6, a = 2.5 × 6 = 15, b = 15 + 28 = 43, and the
    // heavier tail of an uncertain rhythm puts the 95th percentile at 35.98 days (vs 22.48 after seven intervals).
    for (const date of fortnightly.slice(0, 3)) driver.send(purchase('shop', at(date, 10), '50.00'));
    // 35 days: two and a half gaps, and still no alert.
    driver.advanceTo(at('2026-03-09', 10));
    expect(firstLapse(signals())).toBeUndefined();
    driver.advanceTo(at('2026-05-01'));
    expect(minutesFrom(firstLapse(signals())?.eventTime, at('2026-02-02', 10) + 35.9837428501674 * DAY_MS)).toBeLessThan(1);
  });

  it('judges the spread over the last 30 intervals, so an irregular past still counts', () => {
    // Ten intervals alternating 7 and 21 days, then ten of exactly 14: mean 14, variance 10 × 49/19;
    // squared variation (2 × 0.25 + 19 × 490/19/196)/21 = 1/7, k = 7. The last ten alone give k = 20.
    const intervals = [7, 21, 7, 21, 7, 21, 7, 21, 7, 21, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14];
    const observed = (config: unknown) => {
      const { driver, signals } = purchaseDriver(undefined, config);
      let dayMs = at('2026-01-05', 10);
      driver.send(purchase('shop', dayMs, '50.00'));
      for (const interval of intervals) {
        dayMs += interval * DAY_MS;
        driver.send(purchase('shop', dayMs, '50.00'));
      }
      return signals().at(-1)?.evidence[0]?.observed;
    };
    // a = (0.5 + 20) × 7 = 143.5, b = 15 + 280 = 295: usual gap 7 × 295/142.5 = 14.49 days.
    expect(observed({})).toMatchObject({ intervals: 20, intervalShape: 7, usualGapDays: 14.49, lapseAfterDays: 28.98 });
    expect(observed({ defaults: { purchases: { rhythmIntervals: 10 } } })).toMatchObject({ intervals: 10, intervalShape: 20, usualGapDays: 14.83 });
  });

  it('has no rhythm below minPurchasesForRhythm purchase days, and counts two orders on one day as one', () => {
    const { driver, signals } = purchaseDriver();
    driver.send(purchase('shop', at('2026-01-05', 10), '20.00'));
    driver.send(purchase('shop', at('2026-01-05', 15), '30.00'));
    driver.send(purchase('shop', at('2026-01-19', 10), '50.00'));
    const last = signals().at(-1);
    expect(last?.factor).toBeNull();
    expect(last?.detail).toBe('3 purchases so far; no rhythm yet');
    expect(last?.facts.customerValue).toEqual({ amount: '100.00', currency: 'EUR' });
    expect(last?.facts.customerValueMethod).toBe('revenue_to_date');
    expect(driver.stateOf<{ history: { purchaseDays: number } }>('purchase-monitor', 'shop')?.history.purchaseDays).toBe(2);
  });

  it('shrinks the usual gap towards the segment’s prior', () => {
    const { driver, signals } = purchaseDriver(undefined, { defaults: { purchases: { priorMeanIntervalDays: 60, priorIntervals: 2 } } });
    for (const date of fortnightly) driver.send(purchase('shop', at(date, 10), '10.00'));
    // a = (2 + 7) × 16 = 144, b = 2 × 60 + 98 = 218: usual gap 16 × 218 / 143 = 24.39 days.
    expect(signals().at(-1)?.factor?.detail).toBe('last purchase 0 days ago, usually every 24.4 days (± 6.1)');
  });

  it('uses a plugged-in scorer instead of the rhythm', () => {
    const seen: number[] = [];
    const alwaysLapsed: PurchaseLapseScorer = {
      name: 'test-model',
      assess(history, nowMs, _purchases, ruleVersion) {
        seen.push(history.purchaseCount);
        return {
          recency: { value: 0.2, detail: 'P(alive) 0.2' },
          lapse: { severity: 'warning', headline: 'Probably no longer buying: P(alive) 0.2', fingerprint: 'p-0.2' },
          evidence: { detector: 'bg-nbd', ruleVersion, observed: { pAlive: 0.2 }, thresholds: {} },
          expectedPurchasesPerYear: 2,
          nextCheckMs: nowMs + 7 * DAY_MS,
        };
      },
    };
    const { driver, signals } = purchaseDriver(alwaysLapsed);
    driver.send(purchase('shop', at('2026-01-05', 10), '40.00'));
    expect(seen).toEqual([1]);
    expect(signals()[0]?.findings[0]).toMatchObject({ kind: 'purchase_lapse', headline: 'Probably no longer buying: P(alive) 0.2' });
    // 40.00 × 2 a year × 3 years
    expect(signals()[0]?.facts.customerValue).toEqual({ amount: '240.00', currency: 'EUR' });
    expect(signals()[0]?.facts.customerValueMethod).toBe('order_rate');
  });
});

describe('modelHistoryOf', () => {
  it('gives BG/NBD frequency, recency and age in days', () => {
    let history = recordPurchase(null, at('2026-01-05', 10), 100);
    history = recordPurchase(history, at('2026-01-19', 10), 100);
    history = recordPurchase(history, at('2026-01-19', 18), 100);
    history = recordPurchase(history, at('2026-02-02', 10), 100);
    expect(modelHistoryOf(history, at('2026-03-01', 12))).toEqual({ frequency: 2, recency: 28, age: 55.5 });
  });
});
