import { PurchaseModelError } from '../errors.ts';
import { checkSpendHistory, type SpendHistory } from '../history.ts';
import { type MaximumLikelihoodFit, maximiseLogLikelihood } from '../optimise/maximum-likelihood.ts';
import { countTerm, spendTerm } from './log-likelihood.ts';
import type { GammaGammaParameters } from './parameters.ts';

export interface GammaGammaFit extends Omit<MaximumLikelihoodFit, 'values'> {
  readonly parameters: GammaGammaParameters;
  readonly customers: number;
}

/**
 * Maximum-likelihood Gamma-Gamma parameters from repeat customers' (frequency, mean spend). Pure.
 * Customers without a repeat purchase carry no spend information and must be left out by the
 * caller. Starts from p = q = 2, gamma = the mean of the means, which puts the start's population
 * mean p·gamma/(q−1) at a sensible multiple of the data's.
 */
export function fitGammaGamma(histories: readonly SpendHistory[]): GammaGammaFit {
  if (histories.length === 0) throw new PurchaseModelError('PURCHASE_MODEL_FIT_FAILED', 'Gamma-Gamma: no repeat customers to fit');
  for (const history of histories) checkSpendHistory(history);
  const meanOfMeans = histories.reduce((total, history) => total + history.meanSpend, 0) / histories.length;
  const fit = maximiseLogLikelihood(
    ([p, q, gamma]) => {
      const parameters = { p: p!, q: q!, gamma: gamma! };
      const byFrequency = new Map<number, number>();
      let total = 0;
      for (const history of histories) {
        let term = byFrequency.get(history.frequency);
        if (term === undefined) {
          term = countTerm(parameters, history.frequency);
          byFrequency.set(history.frequency, term);
        }
        total += term + spendTerm(parameters, history);
      }
      return total;
    },
    [2, 2, meanOfMeans],
    'Gamma-Gamma',
  );
  const [p, q, gamma] = fit.values;
  const { values: _values, ...diagnostics } = fit;
  return { ...diagnostics, parameters: { p: p!, q: q!, gamma: gamma! }, customers: histories.length };
}
