import type { PurchaseModelFit } from './fit-purchase-models.ts';
import type { HoldoutEvaluation } from './holdout/evaluate.ts';

/**
 * Plain-text report of a fit (and optionally of its holdout check), for people at a terminal.
 * Pure: returns the text.
 */

const fixed = (value: number, decimals: number) => value.toFixed(decimals);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => `  ${cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ')}`;
  return [line(header), ...rows.map(line)];
}

function spendLines(fit: PurchaseModelFit): string[] {
  const spend = fit.parameters.gammaGamma;
  const withoutSpend = fit.repeatCustomersWithoutSpend ? `; ${fit.repeatCustomersWithoutSpend} with zero spend left out` : '';
  if (spend === undefined || fit.gammaGamma === undefined)
    return [`Gamma-Gamma: not fitted (${fit.spendModelProblem}${withoutSpend}); no order value or CLV from this file`];
  const { evaluations, restarts, converged } = fit.gammaGamma;
  return [
    `Gamma-Gamma (${spend.customers} repeat customers${withoutSpend})`,
    `  p ${fixed(spend.p, 4)}  q ${fixed(spend.q, 4)}  gamma ${fixed(spend.gamma, 4)}${spend.currency ? ` ${spend.currency}` : ''}`,
    `  log-likelihood ${fixed(spend.logLikelihood, 2)}; ${evaluations} evaluations, ${restarts} restart(s), ${converged ? 'converged' : 'NOT CONVERGED'}`,
    `  mean order value p*gamma/(q-1) ${fixed((spend.p * spend.gamma) / (spend.q - 1), 2)}`,
  ];
}

/** Customers with at least this many purchase days are counted for the spread of their gaps. */
const GAP_VARIATION_MIN_INTERVALS = 4;

/** The nearest-rank `share` quantile of ascending values. */
const quantile = (ascending: readonly number[], share: number) => ascending[Math.max(0, Math.ceil(share * ascending.length) - 1)]!;

/**
 * How regular the repeat buyers are: a lapse rule that waits for a pause of k usual gaps can only
 * be as early and as precise as the spread of the buyers' own gaps allows.
 */
function gapVariationLines(fit: PurchaseModelFit): string[] {
  const variations = fit.summaries
    .filter((summary) => summary.frequency >= GAP_VARIATION_MIN_INTERVALS && summary.gapVariation !== null)
    .map((summary) => summary.gapVariation as number)
    .sort((left, right) => left - right);
  if (variations.length === 0) return [];
  const below = (limit: number) => fixed(variations.filter((variation) => variation < limit).length / variations.length, 3);
  return [
    '',
    `Gaps between purchase days (${variations.length} customers with ${GAP_VARIATION_MIN_INTERVALS + 1} or more purchase days)`,
    `  coefficient of variation p10 ${fixed(quantile(variations, 0.1), 2)}  p25 ${fixed(quantile(variations, 0.25), 2)}  median ${fixed(quantile(variations, 0.5), 2)}  p75 ${fixed(quantile(variations, 0.75), 2)}  p90 ${fixed(quantile(variations, 0.9), 2)}`,
    `  share below 0.5: ${below(0.5)}; below 0.25: ${below(0.25)} (1 is memoryless buying)`,
  ];
}

export function formatFitReport(fit: PurchaseModelFit): string {
  const { parameters, bgnbd } = fit;
  const { r, alpha, a, b, logLikelihood } = parameters.bgnbd;
  const lines = [
    `data: ${parameters.fittedOn}; calibration through ${parameters.calibrationEnd}; unit: ${parameters.unit}`,
    `customers: ${parameters.customers} (${fit.summaries.filter((summary) => summary.frequency > 0).length} with a repeat purchase)`,
    '',
    'BG/NBD',
    `  r ${fixed(r, 4)}  alpha ${fixed(alpha, 4)} (${parameters.unit})  a ${fixed(a, 4)}  b ${fixed(b, 4)}`,
    `  log-likelihood ${fixed(logLikelihood, 2)}; ${bgnbd.evaluations} evaluations, ${bgnbd.restarts} restart(s), ${bgnbd.converged ? 'converged' : 'NOT CONVERGED (parameters may sit at a boundary)'}`,
    `  mean purchase rate r/alpha ${fixed(r / alpha, 4)} per ${parameters.unit.slice(0, -1)}; mean dropout probability a/(a+b) ${fixed(a / (a + b), 4)}`,
    '  repeat purchases in calibration, customers observed vs expected:',
    ...table(
      ['x', 'actual', 'expected'],
      fit.frequencyFit.map((row) => [row.frequency, String(row.actual), fixed(row.expected, 1)]),
    ),
    '',
    ...spendLines(fit),
    ...gapVariationLines(fit),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatHoldoutReport(evaluation: HoldoutEvaluation, holdoutEnd: string, horizon: number, unit: string): string {
  const lines = [
    `Holdout through ${holdoutEnd} (${fixed(horizon, 2)} ${unit})`,
    `  ${evaluation.lapsed} of ${evaluation.customers} customers made no purchase`,
    `  AUC of P(no purchase in the holdout) for "no purchase": ${fixed(evaluation.aucNoPurchase, 4)}`,
    `  AUC of -E[purchases in the holdout] for the same:       ${fixed(evaluation.aucFewPurchases, 4)}`,
    `  AUC of 1 - P(alive) for the same:                      ${fixed(evaluation.aucNotAlive, 4)}`,
    `  precision at recall 0.5, ranking by P(no purchase): ${fixed(evaluation.precisionAtHalfRecall.noPurchase, 4)}; by -E[purchases]: ${fixed(evaluation.precisionAtHalfRecall.fewPurchases, 4)}`,
    `  purchase days: actual ${evaluation.actualPurchases}, expected ${fixed(evaluation.expectedPurchases, 1)}`,
    '  mean holdout purchase days by calibration repeat purchases:',
    ...table(
      ['x', 'customers', 'actual', 'expected'],
      evaluation.byFrequency.map((group) => [group.frequency, String(group.customers), fixed(group.actualMean, 3), fixed(group.expectedMean, 3)]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
