import { describe, expect, it } from 'vitest';
import { createDriver } from '../../test/drive.ts';
import { at, DAY_MS, purchase } from '../../test/fixtures.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import type { PurchaseLapseScorer } from './lapse-scorer.ts';
import { modelHistoryOf, recordPurchase } from './purchase-history.ts';
import { createPurchaseMonitor } from './purchase-monitor.ts';

function purchaseDriver(scorer?: PurchaseLapseScorer) {
  const driver = createDriver([createPurchaseMonitor(parseDetectionConfig({}), scorer === undefined ? {} : { scorer })]);
  const signals = () => driver.outputsTo('signals').map((output) => output.value as SignalV1);
  return { driver, signals };
}

// Eight purchases a fortnight apart: seven intervals of exactly 14 days. Their spread, pulled towards
// memoryless buying with the weight of two intervals, gives a gamma shape of 1 / ((2 + 6 × 0) / 8) = 4.
const fortnightly = ['2026-01-05', '2026-01-19', '2026-02-02', '2026-02-16', '2026-03-02', '2026-03-16', '2026-03-30', '2026-04-13'];

describe('purchase monitor', () => {
  it('learns the rhythm and, for a regular buyer, flags a lapse at 2× and critical at 3× it, with no event', () => {
    const { driver, signals } = purchaseDriver();
    for (const date of fortnightly) driver.send(purchase('shop', at(date, 10), '50.00'));
    const learned = signals().at(-1);
    expect(learned?.factor).toEqual({ value: 1, detail: 'last purchase 0 days ago, usually every 14 days' });
    // CLV = 50.00 × 365.25/14 purchases a year × 3 years.
    expect(learned?.facts).toEqual({
      purchaseCount: 8,
      revenue: { amount: '400.00', currency: 'EUR' },
      customerValue: { amount: '3913.39', currency: 'EUR' },
      dormant: false,
    });
    expect(driver.timersOf('purchase-monitor', 'shop')[0]).toMatchObject({ name: 'purchase-check', atMs: at('2026-04-27', 10), clock: 'wall' });

    driver.advanceTo(at('2026-06-01'));
    // P(a pause ≥ 27.14 days) = 0.05 for this buyer: the floor of 2 × 14 days decides (scipy: gamma.isf(0.05, 4) × 14/4).
    const lapsed = signals().find((signal) => signal.findings.length > 0);
    expect(lapsed?.eventTime).toBe('2026-05-11T10:00:00.000Z');
    expect(lapsed?.factor?.value).toBe(0.5);
    expect(lapsed?.findings[0]).toMatchObject({
      kind: 'purchase_lapse',
      severity: 'warning',
      since: '2026-05-11T10:00:00.000Z',
      headline: 'No purchase for 28 days (last on 2026-04-13); this customer usually buys every 14 days',
    });
    expect(lapsed?.findings[0]?.evidence[0]?.observed).toMatchObject({
      rhythmDays: 14,
      daysSinceLastPurchase: 28,
      gapOverRhythm: 2,
      purchaseDays: 8,
      meanIntervalDays: 14,
      intervalShape: 4,
      lapseAfterDays: 28,
      pauseProbability: expect.closeTo(0.04238011199168396, 12),
    });
    // Critical: P < 0.005 at 38.42 days; the floor of 3 × 14 days decides.
    const critical = signals().at(-1);
    expect(critical?.eventTime).toBe('2026-05-25T10:00:00.000Z');
    expect(critical?.findings[0]).toMatchObject({ severity: 'critical', since: '2026-05-11T10:00:00.000Z' });
    expect(critical?.factor?.value).toBe(0);

    driver.send(purchase('shop', at('2026-06-02', 10), '50.00'));
    expect(signals().at(-1)?.findings).toEqual([]);
  });

  it('gives an irregular buyer the time its own spread of intervals calls for, not a fixed multiple', () => {
    const { driver, signals } = purchaseDriver();
    // Intervals 5, 30, 8, 25, 10, 20, 6, 28: mean 16.5, median 15, variance 108; shape 1 / ((2 + 7 × 108/16.5²) / 9) = 1.884.
    const dates = ['2026-01-05', '2026-01-10', '2026-02-09', '2026-02-17', '2026-03-14', '2026-03-24', '2026-04-13', '2026-04-19', '2026-05-17'];
    for (const date of dates) driver.send(purchase('shop', at(date, 10), '50.00'));
    driver.advanceTo(at('2026-08-01'));
    const lapsed = signals().find((signal) => signal.findings.length > 0);
    // 2 × 15 = 30 days would be an ordinary pause for this buyer (P = 0.152); P < 0.05 only after 39.888 days
    // (scipy: gamma.isf(0.05, 1.884) × 16.5 / 1.884), on 2026-06-25 at about 07:18.
    const expectedMs = at('2026-05-17', 10) + 39.88795273634141 * DAY_MS;
    expect(Math.abs(Date.parse(lapsed?.eventTime ?? '') - expectedMs)).toBeLessThan(60_000);
    expect(lapsed?.findings[0]?.evidence[0]?.observed).toMatchObject({ intervalShape: 1.88, meanIntervalDays: 16.5 });
  });

  it('assumes memoryless buying while fewer than four intervals show the spread', () => {
    const { driver, signals } = purchaseDriver();
    for (const date of fortnightly.slice(0, 4)) driver.send(purchase('shop', at(date, 10), '50.00'));
    driver.advanceTo(at('2026-05-01'));
    // P(a pause ≥ g) = e^(−g/14) < 0.05 from g = 41.94 days.
    const expectedMs = at('2026-02-16', 10) + 41.94025182975588 * DAY_MS;
    const lapsed = signals().find((signal) => signal.findings.length > 0);
    expect(Math.abs(Date.parse(lapsed?.eventTime ?? '') - expectedMs)).toBeLessThan(60_000);
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
    expect(driver.stateOf<{ history: { purchaseDays: number } }>('purchase-monitor', 'shop')?.history.purchaseDays).toBe(2);
  });

  it('takes the median interval, so one long gap does not stretch the rhythm', () => {
    const { driver, signals } = purchaseDriver();
    for (const date of ['2026-01-01', '2026-01-08', '2026-01-15', '2026-03-01', '2026-03-08']) driver.send(purchase('shop', at(date, 10), '10.00'));
    expect(signals().at(-1)?.factor?.detail).toBe('last purchase 0 days ago, usually every 7 days');
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
