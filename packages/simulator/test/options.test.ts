import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { parseSimulationOptions } from '../src/index.ts';
import { cohortCounts } from '../src/plan/assign-cohorts.ts';

describe('simulation options', () => {
  it('fills in defaults, nested ones included', () => {
    const options = parseSimulationOptions({ seed: 3, declining: { churnShare: 0.5 } });
    expect(options.seed).toBe(3);
    expect(options.days).toBe(365);
    expect(options.declining).toEqual({ churnShare: 0.5, declineDays: [45, 150], plateauFactor: [0.25, 0.5] });
    expect(options.cohortMix.healthy).toBeGreaterThan(0);
  });

  it('names every bad field at once', () => {
    let error: unknown;
    try {
      parseSimulationOptions({ customers: 0, seed: -1, currency: 'euro', cohortMix: { happy: 1 }, declining: { declineDays: [90, 30] } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join('\n');
    for (const field of ['customers', 'seed', 'currency', 'cohortMix', 'declining.declineDays']) expect(issues).toContain(field);
  });

  it('rejects a period too short for churn to fall inside it, saying why', () => {
    expect(() => parseSimulationOptions({ days: 100, warmupDays: 60, inactivityChurnDays: 30 })).toThrow(/days: must be at least .* = 104/);
  });

  it('rejects a mix without any weight', () => {
    const zero = Object.fromEntries(Object.keys(parseSimulationOptions({}).cohortMix).map((cohort) => [cohort, 0]));
    expect(() => parseSimulationOptions({ cohortMix: zero })).toThrow(/cohortMix: give at least one cohort/);
  });
});

describe('cohort counts', () => {
  const mix = parseSimulationOptions({}).cohortMix;

  it('add up to the customers and follow the weights', () => {
    const counts = cohortCounts(mix, 1000);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(counts.healthy).toBe(300);
    expect(counts.silent).toBe(70);
  });

  it('give every weighted cohort a customer in a small run', () => {
    const counts = cohortCounts(mix, 12);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(12);
    expect(Object.values(counts).every((count) => count >= 1)).toBe(true);
  });

  it('give nothing to a cohort weighted 0', () => {
    expect(cohortCounts({ ...mix, healthy: 0, silent: 0 }, 50)).toMatchObject({ healthy: 0, silent: 0 });
  });
});
