import { PurchaseModelError } from '../errors.ts';
import { checkPurchaseHistory, type PurchaseHistory } from '../history.ts';
import { type MaximumLikelihoodFit, maximiseLogLikelihood } from '../optimise/maximum-likelihood.ts';
import { frequencyTerm, timingTerm } from './log-likelihood.ts';
import type { BgNbdParameters } from './parameters.ts';

export interface BgNbdFit extends Omit<MaximumLikelihoodFit, 'values'> {
  readonly parameters: BgNbdParameters;
  readonly customers: number;
}

interface WeightedHistory {
  readonly history: PurchaseHistory;
  readonly count: number;
}

/** Identical histories (common: every one-off buyer of the same week) are evaluated once. */
function groupIdentical(histories: readonly PurchaseHistory[]): WeightedHistory[] {
  const groups = new Map<string, { history: PurchaseHistory; count: number }>();
  for (const history of histories) {
    checkPurchaseHistory(history);
    const key = `${history.frequency}|${history.recency}|${history.age}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { history, count: 1 });
  }
  return [...groups.values()];
}

/**
 * Maximum-likelihood BG/NBD parameters for a set of customers' calibration histories. Pure and
 * deterministic. Starts from r = a = b = 1 and alpha = the mean age divided by the mean repeat
 * count (the rate a Poisson model would give), so the result does not depend on the time unit.
 */
export function fitBgNbd(histories: readonly PurchaseHistory[]): BgNbdFit {
  if (histories.length === 0) throw new PurchaseModelError('PURCHASE_MODEL_FIT_FAILED', 'BG/NBD: no customers to fit');
  const groups = groupIdentical(histories);
  const meanAge = histories.reduce((total, history) => total + history.age, 0) / histories.length;
  const meanFrequency = histories.reduce((total, history) => total + history.frequency, 0) / histories.length;
  const startAlpha = Math.max(meanAge, 1e-6) / Math.max(meanFrequency, 1e-3);
  const fit = maximiseLogLikelihood(
    ([r, alpha, a, b]) => {
      const parameters = { r: r!, alpha: alpha!, a: a!, b: b! };
      const byFrequency = new Map<number, number>();
      let total = 0;
      for (const { history, count } of groups) {
        let term = byFrequency.get(history.frequency);
        if (term === undefined) {
          term = frequencyTerm(parameters, history.frequency);
          byFrequency.set(history.frequency, term);
        }
        total += count * (term + timingTerm(parameters, history));
      }
      return total;
    },
    [1, startAlpha, 1, 1],
    'BG/NBD',
  );
  const [r, alpha, a, b] = fit.values;
  const { values: _values, ...diagnostics } = fit;
  return { ...diagnostics, parameters: { r: r!, alpha: alpha!, a: a!, b: b! }, customers: histories.length };
}
