import { describe, expect, it } from 'vitest';
import { gammaVariate, uniformSource } from '../../test/simulate.ts';
import { gaussLegendreRule, integrate } from '../special/gauss-legendre.ts';
import { expectedMeanSpend, populationMeanSpend } from './expected-spend.ts';
import { fitGammaGamma } from './fit.ts';
import { gammaGammaLogLikelihood } from './log-likelihood.ts';
import type { GammaGammaParameters } from './parameters.ts';

const cdnow: GammaGammaParameters = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma likelihood', () => {
  it('is a density of the mean spend: it integrates to 1 for every number of purchases', () => {
    for (const frequency of [1, 2, 7]) {
      // m̄ = e^u, dm̄ = e^u du.
      const total = integrate((u) => Math.exp(gammaGammaLogLikelihood(cdnow, { frequency, meanSpend: Math.exp(u) }) + u), -30, 30, gaussLegendreRule(12), 0.5);
      expect(total).toBeCloseTo(1, 10);
    }
  });

  it('has the population mean p·gamma/(q−1) as the mean of a single purchase', () => {
    const mean = integrate(
      (u) => Math.exp(gammaGammaLogLikelihood(cdnow, { frequency: 1, meanSpend: Math.exp(u) }) + 2 * u),
      -30,
      30,
      gaussLegendreRule(12),
      0.5,
    );
    expect(mean).toBeCloseTo(populationMeanSpend(cdnow), 8);
  });
});

describe('Gamma-Gamma expected spend', () => {
  it('is the population mean for a customer without repeat purchases, and needs q > 1 for it', () => {
    expect(expectedMeanSpend(cdnow, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(() => populationMeanSpend({ ...cdnow, q: 0.9 })).toThrow(/q <= 1/);
  });

  it('weights the population mean and the customer’s mean by (q−1) and p·x', () => {
    const { p, q } = cdnow;
    for (const [frequency, meanSpend] of [
      [1, 10],
      [4, 80],
      [30, 25],
    ] as const) {
      const weight = (p * frequency) / (p * frequency + q - 1);
      expect(expectedMeanSpend(cdnow, frequency, meanSpend)).toBeCloseTo(weight * meanSpend + (1 - weight) * populationMeanSpend(cdnow), 10);
    }
  });

  it('moves towards the customer’s own mean as repeat purchases accumulate', () => {
    const distance = (frequency: number) => Math.abs(expectedMeanSpend(cdnow, frequency, 100) - 100);
    expect(distance(10)).toBeLessThan(distance(2));
    expect(distance(1000)).toBeLessThan(0.5);
  });
});

describe('fitGammaGamma', () => {
  it('recovers the parameters of customers simulated from the model', () => {
    const truth: GammaGammaParameters = { p: 4, q: 3, gamma: 20 };
    const uniform = uniformSource(1234);
    const histories = Array.from({ length: 3000 }, (_, index) => {
      const frequency = 1 + (index % 6);
      const nu = gammaVariate(truth.q, uniform) / truth.gamma;
      let total = 0;
      for (let purchase = 0; purchase < frequency; purchase += 1) total += gammaVariate(truth.p, uniform) / nu;
      return { frequency, meanSpend: total / frequency };
    });
    const fit = fitGammaGamma(histories);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.parameters.p / truth.p - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.parameters.q / truth.q - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.parameters.gamma / truth.gamma - 1)).toBeLessThan(0.2);
  });

  it('refuses customers without repeat purchases or spend', () => {
    expect(() => fitGammaGamma([])).toThrow(/no repeat customers/);
    expect(() => fitGammaGamma([{ frequency: 0, meanSpend: 10 }])).toThrow(/not a spend history/);
    expect(() => fitGammaGamma([{ frequency: 2, meanSpend: 0 }])).toThrow(/meanSpend > 0/);
  });
});
