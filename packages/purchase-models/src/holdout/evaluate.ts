import { expectedPurchases } from '../bgnbd/expected-purchases.ts';
import type { BgNbdParameters } from '../bgnbd/parameters.ts';
import { probabilityAlive, probabilityNoPurchase } from '../bgnbd/posterior.ts';
import type { CustomerSummary } from '../summary/customer-summary.ts';
import { areaUnderRocCurve } from './auc.ts';
import { precisionAtRecall } from './precision-at-recall.ts';

/** Calibration repeat counts are reported one by one up to this, then pooled ("7+"). */
const POOLED_FROM = 7;

export interface FrequencyGroup {
  /** Calibration repeat purchases: "0" … "6", then "7+". */
  readonly frequency: string;
  readonly customers: number;
  /** Mean purchase days per customer in the holdout period, observed and predicted. */
  readonly actualMean: number;
  readonly expectedMean: number;
}

export interface HoldoutEvaluation {
  readonly customers: number;
  /** Customers who made no purchase in the holdout period: the positives of both AUCs. */
  readonly lapsed: number;
  /** AUC of P(no purchase in the holdout | calibration), the model's probability of exactly the label. */
  readonly aucNoPurchase: number;
  /** AUC of −E[purchases in the holdout | calibration]: fewer expected purchases, more likely none. */
  readonly aucFewPurchases: number;
  /** AUC of 1 − P(alive at calibration end), for comparison. */
  readonly aucNotAlive: number;
  /** Precision of the static rankings at recall 0.5 (see precisionAtRecall). */
  readonly precisionAtHalfRecall: { readonly noPurchase: number; readonly fewPurchases: number };
  readonly actualPurchases: number;
  readonly expectedPurchases: number;
  readonly byFrequency: readonly FrequencyGroup[];
}

/**
 * Scores every calibration customer's lapse risk at the calibration end and checks it against what
 * happened in the following `horizon` (model unit): whether the customer bought again (AUC) and how
 * many purchase days (conditional expectations by calibration frequency, FHL 2005 fig. 5).
 * `holdoutPurchases` maps a customer id to its purchase days in the holdout; absent means none.
 *
 * The ranking score is P(no purchase in the holdout), not 1 − P(alive): the label is "no purchase",
 * and a living customer with a low rate is also likely not to buy; moreover in BG/NBD every
 * customer without a repeat purchase has P(alive) = 1, so 1 − P(alive) ties all of them. Pure.
 */
export function evaluateHoldout(
  parameters: BgNbdParameters,
  summaries: readonly CustomerSummary[],
  holdoutPurchases: ReadonlyMap<string, number>,
  horizon: number,
): HoldoutEvaluation {
  const lapsed = summaries.map((summary) => (holdoutPurchases.get(summary.customerId) ?? 0) === 0);
  const groups = new Map<number, { customers: number; actual: number; expected: number }>();
  let actualPurchases = 0;
  let expectedTotal = 0;
  const fewPurchases: number[] = [];
  for (const summary of summaries) {
    const actual = holdoutPurchases.get(summary.customerId) ?? 0;
    const expected = expectedPurchases(parameters, summary, horizon);
    fewPurchases.push(-expected);
    actualPurchases += actual;
    expectedTotal += expected;
    const key = Math.min(summary.frequency, POOLED_FROM);
    const group = groups.get(key) ?? { customers: 0, actual: 0, expected: 0 };
    groups.set(key, { customers: group.customers + 1, actual: group.actual + actual, expected: group.expected + expected });
  }
  const byFrequency = [...groups]
    .sort(([left], [right]) => left - right)
    .map(([key, group]) => ({
      frequency: key === POOLED_FROM ? `${POOLED_FROM}+` : String(key),
      customers: group.customers,
      actualMean: group.actual / group.customers,
      expectedMean: group.expected / group.customers,
    }));
  const noPurchase = summaries.map((summary) => probabilityNoPurchase(parameters, summary, horizon));
  return {
    customers: summaries.length,
    lapsed: lapsed.filter(Boolean).length,
    aucNoPurchase: areaUnderRocCurve(noPurchase, lapsed),
    aucFewPurchases: areaUnderRocCurve(fewPurchases, lapsed),
    precisionAtHalfRecall: { noPurchase: precisionAtRecall(noPurchase, lapsed, 0.5), fewPurchases: precisionAtRecall(fewPurchases, lapsed, 0.5) },
    aucNotAlive: areaUnderRocCurve(
      summaries.map((summary) => 1 - probabilityAlive(parameters, summary)),
      lapsed,
    ),
    actualPurchases,
    expectedPurchases: expectedTotal,
    byFrequency,
  };
}
