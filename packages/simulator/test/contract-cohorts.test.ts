import type { PurchaseEventV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { dayOf, inCohort, sharedDigest, sum } from './digest.ts';

const set = sharedDigest();

function subscriptionOf(purchase: PurchaseEventV1) {
  if (!purchase.subscription) throw new Error(`order ${purchase.orderId} carries no subscription`);
  return purchase.subscription;
}

describe('non-renewing contract customers', () => {
  const nonRenewing = inCohort(set, 'non_renewing');

  it('churn on the renewal date their contract ends on, after their last invoice', () => {
    expect(nonRenewing.length).toBeGreaterThan(10);
    for (const { outcome, purchases } of nonRenewing) {
      expect(outcome.churned).toBe(true);
      expect(outcome.churnReason).toBe('contract_ended');
      const last = purchases.at(-1);
      if (!last) continue; // a contract ending in its first month has no invoice inside the period
      expect(subscriptionOf(last).renewalDate, outcome.customerId).toBe(outcome.churnDate);
      expect(purchases.every((purchase) => purchase.eventTime.slice(0, 10) < outcome.churnDate!)).toBe(true);
    }
  });

  it('stop using the product when the contract ends', () => {
    for (const customer of nonRenewing) expect(sum(customer.usagePerDay, dayOf(set, customer.outcome.churnDate!)), customer.outcome.customerId).toBe(0);
  });

  it('switch auto-renew off, cancel, or just place no renewal order — and the notice starts the problem', () => {
    const kinds = new Set<string>();
    for (const { outcome, purchases } of nonRenewing) {
      const facts = purchases.map(subscriptionOf);
      if (facts.length === 0) continue;
      const first = facts[0]!;
      const last = facts.at(-1)!;
      const notice = purchases.find((purchase) => subscriptionOf(purchase).status === 'cancelled' || (first.autoRenew && !subscriptionOf(purchase).autoRenew));
      if (last.status === 'cancelled') kinds.add('cancelled');
      else if (first.autoRenew && !last.autoRenew) kinds.add('auto_renew_off');
      else if (!first.autoRenew) kinds.add('no_renewal_order');
      expect(last.autoRenew).toBe(false);
      if (notice && outcome.secondaryCohorts.length === 0) expect(outcome.problemStart, outcome.customerId).toBe(notice.eventTime.slice(0, 10));
    }
    expect([...kinds].sort()).toEqual(['auto_renew_off', 'cancelled', 'no_renewal_order']);
  });
});

describe('renewing contract customers', () => {
  const renewing = inCohort(set, 'renewing');

  it('renew: an invoice on the renewal date moves the renewal date one term ahead', () => {
    expect(renewing.length).toBeGreaterThan(10);
    for (const { outcome, purchases } of renewing) {
      expect(outcome.churned).toBe(false);
      const firstDue = subscriptionOf(purchases[0]!).renewalDate;
      const renewal = purchases.find((purchase) => purchase.eventTime.startsWith(firstDue));
      expect(renewal, outcome.customerId).toBeDefined();
      const next = subscriptionOf(renewal!);
      expect(next.renewalDate > firstDue).toBe(true);
      const months = (Date.parse(next.renewalDate) - Date.parse(firstDue)) / (30.44 * 86_400_000);
      expect(Math.round(months)).toBe(next.termMonths);
    }
  });

  it('bill every month with the recurring revenue the contract states', () => {
    for (const { purchases } of renewing) {
      for (const purchase of purchases) {
        const { recurringRevenue } = subscriptionOf(purchase);
        const monthly = Number(purchase.amount.amount);
        const stated = Number(recurringRevenue.amount) / (recurringRevenue.interval === 'year' ? 12 : 1);
        expect(Math.abs(stated - monthly)).toBeLessThan(0.01);
      }
      const gaps = purchases.slice(1).map((purchase, i) => (Date.parse(purchase.eventTime) - Date.parse(purchases[i]!.eventTime)) / 86_400_000);
      expect(gaps.every((gap) => gap > 26 && gap < 34)).toBe(true);
    }
  });

  it('include customers renewing in poor health (a usage decline before the renewal)', () => {
    const poorHealth = renewing.filter((customer) => customer.outcome.secondaryCohorts.includes('declining'));
    expect(poorHealth.length).toBeGreaterThan(0);
    for (const { outcome } of poorHealth) {
      expect(outcome.churned).toBe(false);
      expect(outcome.problemStart).not.toBeNull();
    }
  });
});
