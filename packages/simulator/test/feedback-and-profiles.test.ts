import { describe, expect, it } from 'vitest';
import { type CustomerDigest, inCohort, sharedDigest } from './digest.ts';

const set = sharedDigest();

function meanScore(customers: readonly CustomerDigest[], keep: (customer: CustomerDigest, eventTime: string) => boolean): { mean: number; count: number } {
  const scores = customers.flatMap((customer) => customer.feedback.filter((answer) => keep(customer, answer.eventTime)).map((answer) => answer.score));
  return { mean: scores.reduce((a, b) => a + b, 0) / scores.length, count: scores.length };
}

describe('NPS feedback', () => {
  it('comes from some customers, not all', () => {
    const answering = set.customers.filter((customer) => customer.feedback.length > 0).length / set.customers.length;
    expect(answering).toBeGreaterThan(0.2);
    expect(answering).toBeLessThan(0.6);
  });

  it('is mostly promoters from healthy customers and mostly detractors once a problem has started', () => {
    const healthy = meanScore(inCohort(set, 'healthy'), () => true);
    const troubled = meanScore(
      set.customers.filter((customer) => customer.outcome.problemStart !== null),
      (customer, eventTime) => eventTime.slice(0, 10) >= customer.outcome.problemStart!,
    );
    expect(healthy.count).toBeGreaterThan(20);
    expect(troubled.count).toBeGreaterThan(10);
    expect(healthy.mean).toBeGreaterThan(7.5);
    expect(troubled.mean).toBeLessThan(5);
  });

  it('stops when a customer churns', () => {
    for (const customer of set.customers.filter((c) => c.outcome.churned))
      for (const answer of customer.feedback) expect(answer.eventTime.slice(0, 10) < customer.outcome.churnDate!, customer.outcome.customerId).toBe(true);
  });
});

describe('customer profiles', () => {
  it('state the plan and the annual value (12 × the monthly invoice before any renewal) of contract customers', () => {
    let checked = 0;
    for (const cohort of ['renewing', 'non_renewing'] as const)
      for (const { outcome, profiles, purchases } of inCohort(set, cohort)) {
        const [profile] = profiles;
        if (!profile || purchases.length === 0) continue;
        const cents = (amount: string) => Math.round(Number(amount) * 100);
        expect(profile.plan, outcome.customerId).toBe(purchases[0]!.subscription!.plan);
        expect(
          purchases.some((purchase) => cents(purchase.amount.amount) * 12 === cents(profile.contractValue!.amount)),
          outcome.customerId,
        ).toBe(true);
        checked++;
      }
    expect(checked).toBeGreaterThan(20);
  });

  it('come first for their customer, at the start of the period', () => {
    for (const customer of set.customers.filter((c) => c.profiles.length > 0)) {
      expect(Date.parse(customer.profiles[0]!.updatedAt)).toBe(set.startMs);
    }
  });
});
