import { PurchaseModelError } from '../errors.ts';
import { minimiseNelderMead } from './nelder-mead.ts';

export interface MaximumLikelihoodFit {
  /** Maximising parameter values, all > 0, in the order of `start`. */
  readonly values: number[];
  readonly logLikelihood: number;
  readonly evaluations: number;
  readonly restarts: number;
  readonly converged: boolean;
}

/**
 * Maximises a log-likelihood over strictly positive parameters by searching their logarithms:
 * the search space is then unconstrained and scale-free (a rate near 0.2 and one near 15 are moved
 * by the same relative steps). Pure.
 */
export function maximiseLogLikelihood(logLikelihood: (values: readonly number[]) => number, start: readonly number[], model: string): MaximumLikelihoodFit {
  if (!start.every((value) => value > 0)) throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `${model}: starting values must be > 0`, { start });
  const minimum = minimiseNelderMead((logValues) => -logLikelihood(logValues.map(Math.exp)), start.map(Math.log), {
    valueTolerance: 1e-9,
    pointTolerance: 1e-7,
    initialStep: 0.5,
    // CDNOW needs about 600; a fit still moving after this many is running off to a boundary.
    maxEvaluations: 4_000,
  });
  if (!Number.isFinite(minimum.value)) {
    throw new PurchaseModelError('PURCHASE_MODEL_FIT_FAILED', `${model}: no parameter values with a finite likelihood were found`, { start });
  }
  return {
    values: minimum.point.map(Math.exp),
    logLikelihood: -minimum.value,
    evaluations: minimum.evaluations,
    restarts: minimum.restarts,
    converged: minimum.converged,
  };
}
