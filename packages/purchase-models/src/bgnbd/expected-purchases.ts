import { PurchaseModelError } from '../errors.ts';
import type { PurchaseHistory } from '../history.ts';
import { integrate, ruleForStrip } from '../special/gauss-legendre.ts';
import { logHypergeometric2F1 } from '../special/hypergeometric.ts';
import type { BgNbdParameters } from './parameters.ts';
import { probabilityAlive } from './posterior.ts';

/** Longest quadrature panel in v = ln(1 + s/beta). */
const PANEL_LENGTH = 1.5;
/** The rate below is analytic in v for |Im v| < π (1 − e^(−v) reaches the cut [1, ∞) of ₂F₁ at Im v = ±π). */
const STRIP_HALF_WIDTH = Math.PI;

/**
 * Cumulative expected purchases at each of the ascending `horizons` (model unit) of a customer
 * who is alive, whose rate has the posterior Gamma(shape, rate beta) and whose dropout probability
 * has the posterior Beta(a, bPosterior):  Q(t) = E[(1 − e^(−λ p t)) / p].
 *
 * FHL 2005 write Q with ₂F₁(shape, bPosterior; a+bPosterior−1; t/(beta+t)) divided by (a − 1); that
 * form has a removable singularity at a = 1 and needs a + b + x > 1. Here Q is the integral of the
 * expected purchase rate instead,
 *   Q(t) = shape · ∫₀^V e^(−shape·v) ₂F₁(shape+1, bPosterior; a+bPosterior; 1 − e^(−v)) dv,  V = ln(1 + t/beta),
 * whose series has only positive terms and which holds for every a, b > 0. Successive horizons
 * integrate only the interval between them, so a curve costs no more than its last point.
 */
function cumulativeWhileAlive(shape: number, beta: number, a: number, bPosterior: number, horizons: readonly number[]): number[] {
  const rate = (v: number) => Math.exp(-shape * v + logHypergeometric2F1(shape + 1, bPosterior, a + bPosterior, -Math.expm1(-v)));
  const cumulative: number[] = [];
  let total = 0;
  let previousHorizon = 0;
  let previousV = 0;
  for (const horizon of horizons) {
    if (!(horizon >= previousHorizon) || !Number.isFinite(horizon)) {
      throw new PurchaseModelError('PURCHASE_MODEL_DOMAIN', `horizons must be finite, >= 0 and ascending (got ${horizon} after ${previousHorizon})`);
    }
    const v = Math.log1p(horizon / beta);
    if (v > previousV) {
      const panels = Math.ceil((v - previousV) / PANEL_LENGTH);
      total += shape * integrate(rate, previousV, v, ruleForStrip((v - previousV) / panels / 2, STRIP_HALF_WIDTH), PANEL_LENGTH);
    }
    cumulative.push(total);
    previousHorizon = horizon;
    previousV = v;
  }
  return cumulative;
}

/** E[X(t)]: expected purchases in the first `horizon` (model unit) of a new customer's life, first purchase not counted (FHL 2005 eq. 9). Pure. */
export function expectedPurchasesNewCustomer(parameters: BgNbdParameters, horizon: number): number {
  return cumulativeWhileAlive(parameters.r, parameters.alpha, parameters.a, parameters.b, [horizon])[0]!;
}

/**
 * E[Y(t) | x, t_x, T] at each of the ascending `horizons` (model unit): expected purchases in
 * (T, T + t] given the calibration history (FHL 2005 eq. 10). Pure.
 */
export function expectedPurchasesCurve(parameters: BgNbdParameters, history: PurchaseHistory, horizons: readonly number[]): number[] {
  const alive = probabilityAlive(parameters, history);
  const { r, alpha, a, b } = parameters;
  return cumulativeWhileAlive(r + history.frequency, alpha + history.age, a, b + history.frequency, horizons).map((value) => alive * value);
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + horizon] given the calibration history (FHL 2005 eq. 10). Pure. */
export function expectedPurchases(parameters: BgNbdParameters, history: PurchaseHistory, horizon: number): number {
  return expectedPurchasesCurve(parameters, history, [horizon])[0]!;
}
