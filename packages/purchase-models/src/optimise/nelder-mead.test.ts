import { describe, expect, it } from 'vitest';
import { maximiseLogLikelihood } from './maximum-likelihood.ts';
import { minimiseNelderMead } from './nelder-mead.ts';

describe('minimiseNelderMead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x, y]: readonly number[]) => 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2;
    const minimum = minimiseNelderMead(rosenbrock, [-1.2, 1]);
    expect(minimum.converged).toBe(true);
    expect(minimum.point[0]).toBeCloseTo(1, 4);
    expect(minimum.point[1]).toBeCloseTo(1, 4);
    expect(minimum.value).toBeLessThan(1e-8);
  });

  it('treats NaN and infinite values as infeasible', () => {
    const bowlForPositiveX = ([x]: readonly number[]) => (x! <= 0 ? Number.NaN : (Math.log(x!) - 1) ** 2);
    const minimum = minimiseNelderMead(bowlForPositiveX, [0.1], { initialStep: 2 });
    expect(minimum.point[0]).toBeCloseTo(Math.E, 4);
  });

  it('reports when the evaluation budget runs out', () => {
    const minimum = minimiseNelderMead(([x, y]) => (x! - 3) ** 2 + (y! + 1) ** 2, [100, 100], { maxEvaluations: 10 });
    expect(minimum.converged).toBe(false);
    expect(minimum.evaluations).toBeLessThanOrEqual(12);
  });
});

describe('maximiseLogLikelihood', () => {
  it('recovers the maximum-likelihood rate of exponential waiting times (1 / mean)', () => {
    const waits = [0.5, 1.25, 2, 0.25, 3];
    const fit = maximiseLogLikelihood(([rate]) => waits.reduce((total, wait) => total + Math.log(rate!) - rate! * wait, 0), [1], 'exponential');
    expect(fit.values[0]).toBeCloseTo(waits.length / waits.reduce((total, wait) => total + wait, 0), 6);
  });

  it('fails clearly when no finite likelihood exists', () => {
    expect(() => maximiseLogLikelihood(() => Number.NaN, [1], 'broken')).toThrow(/broken: no parameter values with a finite likelihood/);
  });
});
