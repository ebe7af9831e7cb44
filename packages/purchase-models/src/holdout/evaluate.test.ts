import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../bgnbd/expected-purchases.ts';
import type { BgNbdParameters } from '../bgnbd/parameters.ts';
import type { CustomerSummary } from '../summary/customer-summary.ts';
import { evaluateHoldout } from './evaluate.ts';

const parameters: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const customer = (customerId: string, frequency: number, recency: number, age: number): CustomerSummary => ({
  customerId,
  frequency,
  recency,
  age,
  meanSpend: frequency === 0 ? 0 : 10,
  firstDaySpend: 10,
  gapVariation: null,
});

describe('evaluateHoldout', () => {
  const summaries = [customer('new', 0, 0, 2), customer('old', 0, 0, 38), customer('busy', 9, 37, 38), customer('gone', 9, 5, 38)];
  const holdout = new Map([
    ['busy', 6],
    ['new', 1],
  ]);
  const evaluation = evaluateHoldout(parameters, summaries, holdout, 39);

  it('labels customers without holdout purchases as lapsed and sums purchases', () => {
    expect(evaluation.lapsed).toBe(2);
    expect(evaluation.actualPurchases).toBe(7);
    const expected = summaries.reduce((total, summary) => total + expectedPurchases(parameters, summary, 39), 0);
    expect(evaluation.expectedPurchases).toBeCloseTo(expected, 12);
  });

  it('ranks by P(no purchase): the silent frequent buyer and the old one-off buyer above the active ones', () => {
    expect(evaluation.aucNoPurchase).toBe(1);
    // 1 − P(alive) is 0 for both one-off buyers: "old" (lapsed) ties with "new" (½) and ranks below
    // the active "busy" (0); "gone" beats both (2): 2.5 of 4 pairs.
    expect(evaluation.aucNotAlive).toBe(0.625);
    // Fewer expected purchases ranks the same way here, so both rankings reach half the lapsed at the top.
    expect(evaluation.aucFewPurchases).toBe(1);
    expect(evaluation.precisionAtHalfRecall).toEqual({ noPurchase: 1, fewPurchases: 1 });
  });

  it('groups by calibration frequency, pooling from 7', () => {
    expect(evaluation.byFrequency.map((group) => [group.frequency, group.customers, group.actualMean])).toEqual([
      ['0', 2, 0.5],
      ['7+', 2, 3],
    ]);
  });
});
