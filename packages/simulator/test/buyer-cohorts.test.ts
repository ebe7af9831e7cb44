import { describe, expect, it } from 'vitest';
import { drawGapShape } from '../src/plan/buyer-terms.ts';
import { Prng } from '../src/random/prng.ts';
import { dayOf, inCohort, sharedDigest, sum } from './digest.ts';

const set = sharedDigest();
const lastDay = set.simulation.options.days - 1;

function purchaseDays(purchases: readonly { eventTime: string }[]): number[] {
  return purchases.map((purchase) => dayOf(set, purchase.eventTime.slice(0, 10)));
}

function medianGap(days: readonly number[]): number {
  const gaps = days
    .slice(1)
    .map((day, i) => day - days[i]!)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

describe('buyers', () => {
  it('never use the product and carry no subscription', () => {
    for (const cohort of ['repeat_buyer', 'lapsed_buyer', 'one_off_buyer'] as const)
      for (const customer of inCohort(set, cohort)) {
        expect(sum(customer.usagePerDay)).toBe(0);
        expect(customer.purchases.every((purchase) => purchase.subscription === undefined)).toBe(true);
      }
  });

  it('repeat buyers keep a rhythm until the end of the period', () => {
    const repeat = inCohort(set, 'repeat_buyer');
    expect(repeat.length).toBeGreaterThan(10);
    for (const { outcome, purchases } of repeat) {
      const days = purchaseDays(purchases);
      expect(days.length, outcome.customerId).toBeGreaterThanOrEqual(3);
      expect(lastDay - days.at(-1)!, outcome.customerId).toBeLessThan(5 * medianGap(days) + 30);
      expect(outcome.churned).toBe(false);
    }
  });

  it('lapsed buyers stop buying the day before their problem start and churn well after their rhythm', () => {
    const lapsed = inCohort(set, 'lapsed_buyer');
    expect(lapsed.length).toBeGreaterThan(10);
    for (const { outcome, purchases } of lapsed) {
      const days = purchaseDays(purchases);
      expect(outcome.churnReason).toBe('lapsed');
      expect(days.at(-1)! + 1).toBe(dayOf(set, outcome.problemStart!));
      const churnDay = dayOf(set, outcome.churnDate!);
      expect(churnDay).toBeLessThanOrEqual(lastDay);
      if (days.length >= 3) expect(churnDay - days.at(-1)!, outcome.customerId).toBeGreaterThan(medianGap(days));
    }
  });

  it('repeat buyers vary their gaps around their own rhythm, some more regular than others', () => {
    // Gaps are gamma with a coefficient of variation drawn per buyer from [0.25, 0.5] (rounded to whole days).
    const variations = inCohort(set, 'repeat_buyer')
      .map(({ purchases }) => purchaseDays(purchases))
      .filter((days) => days.length >= 12)
      .map((days) => {
        const gaps = days.slice(1).map((day, i) => day - days[i]!);
        const mean = gaps.reduce((total, gap) => total + gap, 0) / gaps.length;
        return Math.sqrt(gaps.reduce((total, gap) => total + (gap - mean) ** 2, 0) / (gaps.length - 1)) / mean;
      });
    expect(variations.length).toBeGreaterThan(5);
    for (const variation of variations) expect(variation).toBeLessThan(0.9);
    expect(Math.max(...variations) - Math.min(...variations)).toBeGreaterThan(0.1);
  });

  it('draws a buyer’s regularity from the configured range', () => {
    const rng = Prng.create(7, 99);
    const shapes = Array.from({ length: 200 }, () => drawGapShape(rng, [0.25, 0.5]));
    expect(Math.min(...shapes)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...shapes)).toBeLessThanOrEqual(16);
    expect(drawGapShape(rng, [0.5, 0.5])).toBe(4);
  });

  it('one-off buyers buy exactly once and are not counted as churned', () => {
    for (const { outcome, purchases } of inCohort(set, 'one_off_buyer')) {
      expect(purchases).toHaveLength(1);
      expect(outcome.churned).toBe(false);
    }
  });
});
