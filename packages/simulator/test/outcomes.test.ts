import { describe, expect, it } from 'vitest';
import { churnReasons, cohortNames, segmentNames } from '../src/index.ts';
import { sharedDigest } from './digest.ts';

const set = sharedDigest();
const { options } = set.simulation;
const lastDate = new Date(set.startMs + (options.days - 1) * 86_400_000).toISOString().slice(0, 10);

describe('outcomes', () => {
  it('give every customer one line, in customer order, with the cohort mix asked for', () => {
    expect(set.simulation.outcomes).toHaveLength(options.customers);
    const ids = set.simulation.outcomes.map((outcome) => outcome.customerId);
    expect([...ids].sort()).toEqual(ids);
    for (const cohort of cohortNames) {
      const share = set.simulation.outcomes.filter((outcome) => outcome.cohort === cohort).length / options.customers;
      const wanted = options.cohortMix[cohort] / Object.values(options.cohortMix).reduce((a, b) => a + b, 0);
      expect(Math.abs(share - wanted)).toBeLessThanOrEqual(1 / options.customers);
    }
  });

  it('are consistent: churned exactly when there is a churn date, inside the period, after the problem start', () => {
    for (const outcome of set.simulation.outcomes) {
      expect(outcome.churned).toBe(outcome.churnDate !== null);
      expect(outcome.churned).toBe(outcome.churnReason !== null);
      expect(segmentNames).toContain(outcome.segment);
      if (outcome.churnReason) expect(churnReasons).toContain(outcome.churnReason);
      if (outcome.churnDate) expect(outcome.churnDate <= lastDate).toBe(true);
      if (outcome.churnDate && outcome.problemStart) expect(outcome.problemStart <= outcome.churnDate).toBe(true);
    }
  });

  it('have no problem start for healthy and seasonal customers, and one for every declining, silent or complaining customer', () => {
    for (const outcome of set.simulation.outcomes) {
      if (outcome.cohort === 'healthy' || outcome.cohort === 'seasonal') expect(outcome.problemStart).toBeNull();
      if (['declining', 'silent', 'complaining'].includes(outcome.cohort)) expect(outcome.problemStart).not.toBeNull();
    }
  });

  it('mark a share of problem customers with a second problem', () => {
    const overlapping = set.simulation.outcomes.filter((outcome) => outcome.secondaryCohorts.length > 0);
    expect(overlapping.length).toBeGreaterThan(5);
    for (const outcome of overlapping) expect(outcome.secondaryCohorts).not.toContain(outcome.cohort);
  });

  it('profiles exist for most customers but not all, with the outcome segment', () => {
    const withProfile = set.customers.filter((customer) => customer.profiles.length > 0).length / set.customers.length;
    expect(withProfile).toBeGreaterThan(options.profileShare - 0.06);
    expect(withProfile).toBeLessThan(1);
    for (const { outcome, profiles } of set.customers) for (const profile of profiles) expect(profile.segment).toBe(outcome.segment);
  });
});
