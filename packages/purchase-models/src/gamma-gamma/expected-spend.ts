import { PurchaseModelError } from '../errors.ts';
import type { GammaGammaParameters } from './parameters.ts';

/** E[Z]: the population's mean spend per purchase, p·gamma/(q−1); needs q > 1. Pure. */
export function populationMeanSpend(parameters: GammaGammaParameters): number {
  const { p, q, gamma } = parameters;
  if (!(q > 1)) throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `the mean spend is infinite when q <= 1 (q=${q})`);
  return (p * gamma) / (q - 1);
}

/**
 * E[Z | m̄, x]: expected value of this customer's future purchases given the mean m̄ of x repeat
 * purchases, = p(gamma + x m̄) / (px + q − 1). It is a weighted average that moves from the
 * population mean (x = 0) towards the customer's own mean as x grows:
 *   (q−1)/(px+q−1) · p·gamma/(q−1) + px/(px+q−1) · m̄.
 * With x = 0 it is the population mean (and needs q > 1). Pure.
 */
export function expectedMeanSpend(parameters: GammaGammaParameters, frequency: number, meanSpend: number): number {
  if (frequency === 0) return populationMeanSpend(parameters);
  const { p, q, gamma } = parameters;
  if (!(frequency > 0 && meanSpend >= 0))
    throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `need frequency >= 0 and meanSpend >= 0 (got ${frequency}, ${meanSpend})`);
  return (p * (gamma + frequency * meanSpend)) / (p * frequency + q - 1);
}
