import type { SpendHistory } from '../history.ts';
import { logGamma } from '../special/log-gamma.ts';
import type { GammaGammaParameters } from './parameters.ts';

/**
 * ln f(m̄ | p, q, gamma; x): the density of a customer's mean spend m̄ over x purchases. The sum
 * x·m̄ is Gamma(px, ν); mixing ν over Gamma(q, gamma) and changing variable to the mean gives
 *   Γ(px+q) / (Γ(px) Γ(q)) · gamma^q · x · (x m̄)^(px−1) / (gamma + x m̄)^(px+q).
 * The gamma functions depend on x only (`countTerm`, computed once per distinct x in a fit).
 * Pure; NaN outside the domain.
 */
export function gammaGammaLogLikelihood(parameters: GammaGammaParameters, history: SpendHistory): number {
  return countTerm(parameters, history.frequency) + spendTerm(parameters, history);
}

/** ln[Γ(px+q) / (Γ(px) Γ(q)) · gamma^q · x]. */
export function countTerm(parameters: GammaGammaParameters, frequency: number): number {
  const { p, q, gamma } = parameters;
  return logGamma(p * frequency + q) - logGamma(p * frequency) - logGamma(q) + q * Math.log(gamma) + Math.log(frequency);
}

/** ln[(x m̄)^(px−1) / (gamma + x m̄)^(px+q)]. */
export function spendTerm(parameters: GammaGammaParameters, history: SpendHistory): number {
  const { p, q, gamma } = parameters;
  const shape = p * history.frequency;
  const total = history.frequency * history.meanSpend;
  return (shape - 1) * Math.log(total) - (shape + q) * Math.log(gamma + total);
}
