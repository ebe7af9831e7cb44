import { describe, expect, it } from 'vitest';
import { countPurchaseDays, dayNumberFromIsoDate, evaluateHoldout, expectedPurchases, fitBgNbd, fitPurchaseModels, parsePurchaseText } from '../src/index.ts';
import { readCdnowFile, readPublishedSummary } from './cdnow-data.ts';

// Published results on the 2,357-customer CDNOW sample, 39-week calibration ending 1997-09-30
// (Fader, Hardie & Lee 2005; the Gamma-Gamma note), each checked to the precision it was published at.
const calibrationEndDay = dayNumberFromIsoDate('1997-09-30')!;
const holdoutEndDay = dayNumberFromIsoDate('1998-06-30')!;
const holdoutWeeks = (holdoutEndDay - calibrationEndDay) / 7;
/** Half a unit in the last published digit. */
const within = (decimals: number) => 0.5 * 10 ** -decimals;

const sample = parsePurchaseText(readCdnowFile('CDNOW_sample.txt'), 'CDNOW_sample.txt');
// The sample's customer ids are zero-padded ("0001"); the published summary's are not.
const fit = fitPurchaseModels(
  sample.rows.map((row) => ({ ...row, customerId: String(Number(row.customerId)) })),
  { calibrationEndDay, unit: 'weeks', fittedOn: 'CDNOW_sample.txt' },
);

describe('CDNOW sample summaries', () => {
  it('reads 6,919 purchases of 2,357 customers', () => {
    expect(sample.format).toBe('cdnow-sample');
    expect(sample.rows).toHaveLength(6919);
    expect(fit.summaries).toHaveLength(2357);
  });

  it('match the published per-customer summary to its two decimals', () => {
    const published = readPublishedSummary();
    expect(published.size).toBe(fit.summaries.length);
    for (const summary of fit.summaries) {
      const expected = published.get(summary.customerId);
      expect(expected, `customer ${summary.customerId}`).toBeDefined();
      expect(summary.frequency).toBe(expected!.frequency);
      expect(Math.abs(summary.recency - expected!.recency)).toBeLessThanOrEqual(within(2) + 1e-9);
      expect(Math.abs(summary.age - expected!.age)).toBeLessThanOrEqual(within(2) + 1e-9);
    }
  });
});

describe('BG/NBD on the CDNOW sample', () => {
  it('reproduces r 0.243, alpha 4.414, a 0.793, b 2.426 and log-likelihood -9582.4', () => {
    const { r, alpha, a, b, logLikelihood } = fit.parameters.bgnbd;
    expect(fit.bgnbd.converged).toBe(true);
    expect(Math.abs(r - 0.243)).toBeLessThanOrEqual(within(3));
    expect(Math.abs(alpha - 4.414)).toBeLessThanOrEqual(within(3));
    expect(Math.abs(a - 0.793)).toBeLessThanOrEqual(within(3));
    expect(Math.abs(b - 2.426)).toBeLessThanOrEqual(within(3));
    expect(Math.abs(logLikelihood - -9582.4)).toBeLessThanOrEqual(within(1));
  });

  it('reproduces the same figures from the published (rounded) summary', () => {
    const published = fitBgNbd([...readPublishedSummary().values()]);
    const { r, alpha, a, b } = published.parameters;
    expect([r, alpha, a, b].map((value, index) => Math.abs(value - [0.243, 4.414, 0.793, 2.426][index]!) <= within(3))).toEqual([true, true, true, true]);
    expect(Math.abs(published.logLikelihood - -9582.4)).toBeLessThanOrEqual(within(1));
  });

  it('expects 1.226 purchases in the next 39 weeks of a customer with x 2, t_x 30.43, T 38.86', () => {
    const expected = expectedPurchases(fit.bgnbd.parameters, { frequency: 2, recency: 30.43, age: 38.86 }, 39);
    expect(Math.abs(expected - 1.226)).toBeLessThanOrEqual(within(3));
  });

  it('predicts 0.23 holdout purchases for each of the 1,411 customers without a repeat purchase, who made 334', () => {
    const holdout = countPurchaseDays(
      sample.rows.map((row) => ({ ...row, customerId: String(Number(row.customerId)) })),
      calibrationEndDay,
      holdoutEndDay,
    );
    expect(holdoutWeeks).toBe(39);
    const evaluation = evaluateHoldout(fit.bgnbd.parameters, fit.summaries, holdout, holdoutWeeks);
    const none = evaluation.byFrequency.find((group) => group.frequency === '0')!;
    expect(none.customers).toBe(1411);
    expect(Math.round(none.actualMean * none.customers)).toBe(334);
    expect(Math.abs(none.actualMean - 0.24)).toBeLessThanOrEqual(within(2));
    expect(Math.abs(none.expectedMean - 0.23)).toBeLessThanOrEqual(within(2));
    // Ranking lapse risk: the model's probability of the very event beats chance and beats 1 − P(alive),
    // which ties every customer without a repeat purchase at 0.
    expect(evaluation.aucNoPurchase).toBeGreaterThan(0.7);
    expect(evaluation.aucNoPurchase).toBeGreaterThan(evaluation.aucNotAlive);
  });

  it('fits the calibration histogram of repeat purchases closely', () => {
    const total = fit.frequencyFit.reduce((sum, row) => sum + row.expected, 0);
    expect(Math.abs(total - 2357)).toBeLessThan(1e-6);
    for (const row of fit.frequencyFit) expect(Math.abs(row.expected - row.actual) / row.actual).toBeLessThan(0.15);
  });
});

describe('Gamma-Gamma on the CDNOW sample', () => {
  it('reproduces p 6.25, q 3.74, gamma 15.44 on the 946 repeat customers', () => {
    expect(fit.spendModelProblem).toBeUndefined();
    const { p, q, gamma, customers } = fit.parameters.gammaGamma!;
    expect(customers).toBe(946);
    expect(fit.gammaGamma!.converged).toBe(true);
    expect(Math.abs(p - 6.25)).toBeLessThanOrEqual(within(2));
    expect(Math.abs(q - 3.74)).toBeLessThanOrEqual(within(2));
    expect(Math.abs(gamma - 15.44)).toBeLessThanOrEqual(within(2));
  });
});
