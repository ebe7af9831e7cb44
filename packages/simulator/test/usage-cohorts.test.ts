import { describe, expect, it } from 'vitest';
import { type CustomerDigest, dayOf, inCohort, sharedDigest, sum } from './digest.ts';

const set = sharedDigest();
const inactivityChurnDays = set.simulation.options.inactivityChurnDays;

function dailyMean(customers: readonly CustomerDigest[], pick: (day: number) => boolean): number {
  let total = 0;
  let days = 0;
  for (const customer of customers) {
    customer.usagePerDay.forEach((count, day) => {
      if (!pick(day)) return;
      total += count;
      days++;
    });
  }
  return total / days;
}

function weekday(day: number): number {
  return new Date(set.startMs + day * 86_400_000).getUTCDay();
}

describe('declining cohort', () => {
  const churners = inCohort(set, 'declining').filter((customer) => customer.outcome.churned);

  it('mostly churns by inactivity, with the decline starting before the churn date', () => {
    expect(churners.length).toBeGreaterThan(inCohort(set, 'declining').length / 2);
    for (const { outcome } of churners) {
      expect(outcome.churnReason).toBe('inactivity');
      expect(outcome.problemStart! < outcome.churnDate!).toBe(true);
    }
  });

  it('uses the product clearly less in its last month than in the month before its decline', () => {
    let before = 0;
    let lastMonth = 0;
    for (const customer of churners) {
      const start = dayOf(set, customer.outcome.problemStart!);
      const stop = dayOf(set, customer.outcome.churnDate!) - inactivityChurnDays;
      const baseline = sum(customer.usagePerDay, start - 28, start);
      const final = sum(customer.usagePerDay, stop - 28, stop);
      before += baseline;
      lastMonth += final;
      if (baseline >= 60) expect(final, customer.outcome.customerId).toBeLessThan(0.7 * baseline);
    }
    expect(before).toBeGreaterThan(1000);
    expect(lastMonth).toBeLessThan(0.5 * before);
  });

  it('has no usage once usage has stopped', () => {
    for (const customer of churners) {
      const stop = dayOf(set, customer.outcome.churnDate!) - inactivityChurnDays;
      expect(sum(customer.usagePerDay, stop), customer.outcome.customerId).toBe(0);
    }
  });

  it('keeps the customers that do not churn on a lower plateau', () => {
    const stayers = inCohort(set, 'declining').filter((customer) => !customer.outcome.churned && customer.outcome.problemStart! < '2025-09-01');
    expect(stayers.length).toBeGreaterThan(0);
    const before = stayers.reduce((total, c) => total + sum(c.usagePerDay, dayOf(set, c.outcome.problemStart!) - 28, dayOf(set, c.outcome.problemStart!)), 0);
    const end = stayers.reduce((total, c) => total + sum(c.usagePerDay, 365 - 28 - 14, 365 - 14), 0);
    expect(end).toBeLessThan(0.8 * before);
    expect(stayers.every((customer) => sum(customer.usagePerDay, 300) > 0)).toBe(true);
  });
});

describe('silent cohort', () => {
  const silent = inCohort(set, 'silent');

  it('stops all usage on its silence date and churns inactivityChurnDays later', () => {
    expect(silent.length).toBeGreaterThan(10);
    for (const customer of silent) {
      const { outcome } = customer;
      const silenceDay = dayOf(set, outcome.problemStart!);
      expect(outcome.churned).toBe(true);
      if (outcome.secondaryCohorts.length === 0) expect(dayOf(set, outcome.churnDate!) - silenceDay).toBe(inactivityChurnDays);
      const stop = dayOf(set, outcome.churnDate!) - inactivityChurnDays;
      expect(sum(customer.usagePerDay, stop), outcome.customerId).toBe(0);
    }
  });

  it('was active right up to the silence (abrupt, not a slow fade)', () => {
    const active = silent.filter((customer) => sum(customer.usagePerDay, 0, 28) >= 60);
    expect(active.length).toBeGreaterThan(3);
    for (const customer of active) {
      const stop = dayOf(set, customer.outcome.churnDate!) - inactivityChurnDays;
      expect(sum(customer.usagePerDay, stop - 14, stop), customer.outcome.customerId).toBeGreaterThan(0.2 * sum(customer.usagePerDay, 0, 14));
    }
  });
});

describe('seasonal cohort', () => {
  const seasonal = inCohort(set, 'seasonal');
  const healthy = inCohort(set, 'healthy');
  const ordinary = (day: number) => ![0, 6].includes(weekday(day)) && day < 355;

  it('is much quieter at weekends than on weekdays, far more so than healthy customers', () => {
    const seasonalRatio = dailyMean(seasonal, (day) => [0, 6].includes(weekday(day))) / dailyMean(seasonal, ordinary);
    const healthyRatio = dailyMean(healthy, (day) => [0, 6].includes(weekday(day))) / dailyMean(healthy, ordinary);
    expect(seasonalRatio).toBeLessThan(0.15);
    expect(healthyRatio).toBeGreaterThan(0.2);
    expect(healthyRatio).toBeLessThan(0.5);
  });

  it('dips over the Christmas and New Year weeks and comes back afterwards, never churning', () => {
    const holidayWeekdays = (day: number) => ![0, 6].includes(weekday(day)) && (day <= 1 || day >= 356);
    expect(dailyMean(seasonal, holidayWeekdays)).toBeLessThan(0.3 * dailyMean(seasonal, (day) => ordinary(day) && day > 1));
    for (const customer of seasonal) {
      expect(customer.outcome.churned).toBe(false);
      if (sum(customer.usagePerDay, 0, 60) >= 30) expect(sum(customer.usagePerDay, 2, 30), customer.outcome.customerId).toBeGreaterThan(0);
    }
  });
});

describe('complaining cohort', () => {
  const complaining = inCohort(set, 'complaining');

  it('opens its first burst on its problem start, and repeats one category', () => {
    let dominant = 0;
    let all = 0;
    for (const customer of complaining) {
      const opened = customer.complaints.filter((complaint) => complaint.status === 'opened');
      expect(
        opened.some((complaint) => complaint.eventTime.startsWith(customer.outcome.problemStart!)),
        customer.outcome.customerId,
      ).toBe(true);
      const burst = opened.filter((complaint) => complaint.eventTime.slice(0, 10) >= customer.outcome.problemStart!);
      expect(burst.length).toBeGreaterThanOrEqual(2);
      const categories = new Map<string, number>();
      for (const complaint of burst) categories.set(complaint.category!, (categories.get(complaint.category!) ?? 0) + 1);
      dominant += Math.max(...categories.values());
      all += burst.length;
    }
    // Across the cohort, most complaints are about each customer's one recurring category (background
    // complaints about other things mix in, so a single customer's share varies).
    expect(dominant / all).toBeGreaterThan(0.55);
  });

  it('leaves some complaints open and resolves others; churners resolve fewer', () => {
    const resolvedShare = (customers: readonly CustomerDigest[]) => {
      const ids = new Set<string>();
      const resolved = new Set<string>();
      for (const customer of customers)
        for (const complaint of customer.complaints.filter((c) => c.eventTime.slice(0, 10) >= customer.outcome.problemStart!)) {
          ids.add(complaint.complaintId);
          if (complaint.status === 'resolved') resolved.add(complaint.complaintId);
        }
      return resolved.size / ids.size;
    };
    const churning = resolvedShare(complaining.filter((customer) => customer.outcome.churned));
    const staying = resolvedShare(complaining.filter((customer) => !customer.outcome.churned));
    expect(churning).toBeGreaterThan(0);
    expect(staying).toBeLessThan(1);
    expect(churning).toBeLessThan(staying);
  });
});

describe('account sizes', () => {
  it('span two orders of magnitude, with small accounts that have days without any usage', () => {
    const means = inCohort(set, 'healthy')
      .map((customer) => sum(customer.usagePerDay) / customer.usagePerDay.length)
      .sort((a, b) => a - b);
    expect(means.at(-1)! / means[0]!).toBeGreaterThan(100);
    const small = inCohort(set, 'healthy').filter((customer) => customer.outcome.segment === 'smb');
    expect(small.some((customer) => customer.usagePerDay.filter((count) => count === 0).length > 100)).toBe(true);
  });
});
