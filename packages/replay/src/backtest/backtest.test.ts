import type { AlertKind } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { type AlertOpening, computeBacktest, DAYS_PER_MONTH, defaultInformationalKinds } from './backtest.ts';
import type { CustomerOutcome } from './outcomes.ts';
import { quantileOfSorted, quartilesOf } from './quantiles.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const churned = (customerId: string, date: string, reason: string): CustomerOutcome => ({ customerId, churnMs: day(date), churnReason: reason });
const stayed = (customerId: string): CustomerOutcome => ({ customerId, churnMs: null, churnReason: null });
const opened = (customerId: string, kind: AlertKind, date: string): AlertOpening => ({ customerId, kind, atMs: day(date) });

// Six customers: A, B, C and F churned, D and E stayed. The history runs 181 days.
const outcomes = [
  churned('A', '2025-06-01', 'inactivity'),
  churned('B', '2025-06-01', 'lapsed'),
  churned('C', '2025-03-01', 'inactivity'),
  stayed('D'),
  stayed('E'),
  churned('F', '2025-12-01', 'contract_ended'),
];
const openings = [
  opened('A', 'usage_declining', '2025-01-02'), // 150 days before churn: earlier than the window
  opened('A', 'usage_stopped', '2025-05-02'), // 30 days before churn
  opened('A', 'usage_stopped', '2025-05-22'), // 10 days: a second opening, the lead stays 30
  opened('B', 'purchase_lapse', '2025-05-12'), // 20 days before churn
  opened('C', 'usage_stopped', '2025-03-05'), // 4 days after churn: too late
  opened('D', 'usage_stopped', '2025-02-01'), // did not churn
  opened('E', 'usage_declining', '2025-04-01'), // did not churn
  opened('E', 'renewal_upcoming', '2025-04-01'), // a notice
  opened('X', 'usage_stopped', '2025-04-01'), // not in the outcomes
];
const months = 181 / DAYS_PER_MONTH;
const report = computeBacktest(openings, outcomes, {
  minLeadDays: 0,
  maxLeadDays: 120,
  historyStartMs: day('2025-01-01'),
  historyEndMs: day('2025-07-01'),
  informationalKinds: defaultInformationalKinds,
});
const kind = (name: AlertKind) => report.kinds.find((figures) => figures.kind === name)!;

describe('purchase-lapse detection delay', () => {
  it('takes the delay in mean gaps of each true positive’s first in-window alert', () => {
    const lapses = computeBacktest(
      [
        { ...opened('B', 'purchase_lapse', '2025-01-01'), meanGapsSinceLastPurchase: 9 }, // 151 days before churn: earlier than the window
        { ...opened('B', 'purchase_lapse', '2025-05-12'), meanGapsSinceLastPurchase: 1.5 },
        { ...opened('B', 'purchase_lapse', '2025-05-20'), meanGapsSinceLastPurchase: 2 },
        { ...opened('A', 'purchase_lapse', '2025-05-22'), meanGapsSinceLastPurchase: 2.5 },
        { ...opened('D', 'purchase_lapse', '2025-03-01'), meanGapsSinceLastPurchase: 1.8 }, // did not churn
        opened('C', 'purchase_lapse', '2025-02-20'), // no mean gap known (a one-time buyer)
      ],
      outcomes,
      { minLeadDays: 0, maxLeadDays: 120, historyStartMs: day('2025-01-01'), historyEndMs: day('2025-07-01'), informationalKinds: [] },
    );
    const figures = lapses.kinds.find((row) => row.kind === 'purchase_lapse')!;
    expect(figures.truePositives).toBe(3);
    // B: first in-window alert 1.5 gaps; A: 2.5; C: unknown, left out.
    expect(figures.delayMeanGaps).toEqual({ p25: 1.75, median: 2, p75: 2.25 });
    expect(kind('usage_stopped').delayMeanGaps).toBeNull();
  });
});

describe('computeBacktest on a hand-made case', () => {
  it('counts the population and leaves out customers missing from the outcomes', () => {
    expect(report.customers).toBe(6);
    expect(report.churnedCustomers).toBe(4);
    expect(report.churnRate).toBe(4 / 6);
    expect(report.openingsOutsideOutcomes).toBe(1);
    expect(report.history.months).toBeCloseTo(5.9467, 4);
  });

  it('scores usage_stopped: one true positive of three alerted, one of four churners', () => {
    expect(kind('usage_stopped')).toMatchObject({
      openings: 4,
      alertedCustomers: 3,
      truePositives: 1,
      falsePositives: 2,
      precision: 1 / 3,
      recall: 1 / 4,
      leadDays: { p25: 30, median: 30, p75: 30 },
      leadDaysSorted: [30],
      missed: { notAlerted: 2, onlyBeforeWindow: 0, onlyTooLate: 1 },
      recallByReason: {
        contract_ended: { churned: 1, caught: 0, recall: 0 },
        inactivity: { churned: 2, caught: 1, recall: 0.5 },
        lapsed: { churned: 1, caught: 0, recall: 0 },
      },
    });
    expect(kind('usage_stopped').alertsPerAlertedCustomerMonth).toBeCloseTo(4 / 3 / months, 12);
    expect(kind('usage_stopped').alertsPerCustomerMonth).toBeCloseTo(4 / 6 / months, 12);
  });

  it('scores usage_declining: an alert earlier than the window is not a hit', () => {
    expect(kind('usage_declining')).toMatchObject({
      openings: 2,
      alertedCustomers: 2,
      truePositives: 0,
      precision: 0,
      recall: 0,
      leadDays: null,
      missed: { notAlerted: 3, onlyBeforeWindow: 1, onlyTooLate: 0 },
    });
  });

  it('scores purchase_lapse and the kinds nobody got', () => {
    expect(kind('purchase_lapse')).toMatchObject({ alertedCustomers: 1, truePositives: 1, precision: 1, recall: 0.25, leadDays: { median: 20 } });
    expect(kind('complaint_escalation')).toMatchObject({ openings: 0, alertedCustomers: 0, precision: null, recall: 0, alertsPerAlertedCustomerMonth: null });
  });

  it('combines the predictive kinds overall, with the lead time of each customer’s first alert in the window', () => {
    expect(report.overall).toMatchObject({
      kind: 'overall',
      openings: 7,
      alertedCustomers: 5,
      truePositives: 2,
      falsePositives: 3,
      precision: 0.4,
      recall: 0.5,
      leadDays: { p25: 22.5, median: 25, p75: 27.5 },
      missed: { notAlerted: 1, onlyBeforeWindow: 0, onlyTooLate: 1 },
    });
  });

  it('reports renewal notices apart and keeps them out of the predictive figures', () => {
    expect(report.kinds.map((figures) => figures.kind)).not.toContain('renewal_upcoming');
    expect(report.informational).toHaveLength(1);
    const [notices] = report.informational;
    expect(notices).toMatchObject({ kind: 'renewal_upcoming', openings: 1, alertedCustomers: 1 });
    expect(notices!.alertsPerAlertedCustomerMonth).toBeCloseTo(1 / months, 12);
    expect(notices!.alertsPerCustomerMonth).toBeCloseTo(1 / 6 / months, 12);
  });

  it('includes both ends of the lead-time window', () => {
    const edge = (leadDays: number, window: [number, number]) =>
      computeBacktest([{ customerId: 'A', kind: 'usage_stopped', atMs: day('2025-06-01') - leadDays * 86_400_000 }], [outcomes[0]!], {
        minLeadDays: window[0],
        maxLeadDays: window[1],
        historyStartMs: day('2025-01-01'),
        historyEndMs: day('2025-07-01'),
        informationalKinds: [],
      }).overall.truePositives;
    expect(edge(120, [0, 120])).toBe(1);
    expect(edge(120.001, [0, 120])).toBe(0);
    expect(edge(0, [0, 120])).toBe(1);
    expect(edge(6.9, [7, 120])).toBe(0);
    expect(edge(7, [7, 120])).toBe(1);
  });
});

describe('false positives by cause', () => {
  const withProblem = (outcome: CustomerOutcome, problem: string | null): CustomerOutcome => ({
    ...outcome,
    problemMs: problem === null ? null : day(problem),
  });
  const dated = [
    withProblem(outcomes[0]!, '2025-01-01'),
    withProblem(outcomes[1]!, '2025-01-01'),
    withProblem(outcomes[2]!, '2025-01-01'), // C churned, alerted too late
    withProblem(outcomes[3]!, null), // D: no problem, alerted
    withProblem(outcomes[4]!, '2025-03-01'), // E: a problem from March, alerted in April
    withProblem(outcomes[5]!, '2025-01-01'),
  ];
  const options = {
    minLeadDays: 0,
    maxLeadDays: 120,
    historyStartMs: day('2025-01-01'),
    historyEndMs: day('2025-07-01'),
    informationalKinds: defaultInformationalKinds,
  };

  it('tells false alarms from customers who stayed despite a problem and churners alerted outside the window', () => {
    const overall = computeBacktest(openings, dated, options).overall;
    expect(overall.falsePositives).toBe(3);
    expect(overall.falsePositiveCauses).toEqual({ churnedOutsideWindow: 1, stayedWithProblem: 1, falseAlarms: 1 });
  });

  it('counts an alert before the problem started as a false alarm', () => {
    const early = dated.map((outcome) => (outcome.customerId === 'E' ? withProblem(outcome, '2025-05-01') : outcome));
    expect(computeBacktest(openings, early, options).overall.falsePositiveCauses).toEqual({ churnedOutsideWindow: 1, stayedWithProblem: 0, falseAlarms: 2 });
  });

  it('says nothing when the outcomes carry no problem dates', () => {
    expect(report.overall.falsePositiveCauses).toBeNull();
  });
});

describe('quantiles', () => {
  it('interpolates linearly between ranks', () => {
    expect(quartilesOf([4, 1, 3, 2])).toEqual({ p25: 1.75, median: 2.5, p75: 3.25 });
    expect(quantileOfSorted([10], 0.75)).toBe(10);
    expect(quantileOfSorted([], 0.5)).toBeNull();
    expect(quartilesOf([])).toBeNull();
  });
});
