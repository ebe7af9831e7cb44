import { describe, expect, it } from 'vitest';
import { gammaVariate, uniformSource } from '../test/simulate.ts';
import { fitPurchaseModels } from './fit-purchase-models.ts';
import { purchaseModelParameters } from './parameters-file.ts';
import { isoDateOfDayNumber } from './summary/calendar.ts';
import type { PurchaseRow } from './summary/customer-summary.ts';

const START_DAY = 10_000;
const options = { calibrationEndDay: START_DAY + 120, unit: 'days' as const, fittedOn: 'test' };

/**
 * 400 customers with 1 to 5 purchase days at varied gaps, each purchase worth Gamma(p, ν) with the
 * customer's ν ~ Gamma(q, rate 10): the Gamma-Gamma story with the given p and q.
 */
function purchases(p: number, q: number, seed: number): PurchaseRow[] {
  const uniform = uniformSource(seed);
  const rows: PurchaseRow[] = [];
  for (let customer = 0; customer < 400; customer += 1) {
    const nu = gammaVariate(q, uniform) / 10;
    const gap = 5 + (customer % 7) * 4;
    for (let purchase = 0; purchase <= customer % 5; purchase += 1) {
      rows.push({ customerId: `c${customer}`, day: START_DAY + (customer % 9) + purchase * gap, amount: gammaVariate(p, uniform) / nu });
    }
  }
  return rows;
}

describe('fitPurchaseModels', () => {
  it('fits both models and yields a parameters file the schema accepts', () => {
    const fit = fitPurchaseModels(purchases(4, 5, 11), { ...options, currency: 'EUR' });
    expect(fit.spendModelProblem).toBeUndefined();
    expect(purchaseModelParameters.parse(fit.parameters)).toEqual(fit.parameters);
    const repeatCustomers = fit.summaries.filter((summary) => summary.frequency > 0).length;
    expect(repeatCustomers).toBeGreaterThan(0);
    expect(fit.parameters).toMatchObject({
      customers: 400,
      calibrationEnd: isoDateOfDayNumber(START_DAY + 120),
      gammaGamma: { currency: 'EUR', customers: repeatCustomers },
    });
  });

  it('keeps the purchase model and leaves the spend model out when spend is too spread for a finite mean (q <= 1)', () => {
    const fit = fitPurchaseModels(purchases(4, 0.5, 12), options);
    expect(fit.gammaGamma).toBeUndefined();
    expect(fit.spendModelProblem).toMatch(/q = [\d.]+ <= 1/);
    expect(fit.parameters.gammaGamma).toBeUndefined();
    expect(fit.parameters.bgnbd.r).toBeGreaterThan(0);
    expect(purchaseModelParameters.parse(fit.parameters)).toEqual(fit.parameters);
  });

  it('says so when nobody had bought by the calibration end', () => {
    expect(() => fitPurchaseModels(purchases(4, 5, 13), { ...options, calibrationEndDay: START_DAY - 1 })).toThrow(
      `no customer made a purchase on or before ${isoDateOfDayNumber(START_DAY - 1)}`,
    );
  });
});
