// BG/NBD purchase-and-dropout model: fit, likelihood, posterior and forecasts (times in the model's unit).

export { purchaseCountProbability } from './bgnbd/count-distribution.ts';
export { expectedPurchases, expectedPurchasesCurve, expectedPurchasesNewCustomer } from './bgnbd/expected-purchases.ts';
export { type BgNbdFit, fitBgNbd } from './bgnbd/fit.ts';
export { type FrequencyRow, frequencyFit } from './bgnbd/frequency-fit.ts';
export { bgnbdLogLikelihood } from './bgnbd/log-likelihood.ts';
export type { BgNbdParameters } from './bgnbd/parameters.ts';
export { probabilityAlive, probabilityNoPurchase } from './bgnbd/posterior.ts';
// Data: purchases → per-customer summaries; both models fitted; the parameters file.
export { PurchaseInputError, PurchaseModelError } from './errors.ts';
export { fitPurchaseModels, type PurchaseModelFit, type PurchaseModelFitOptions } from './fit-purchase-models.ts';
// Gamma-Gamma spend model.
export { expectedMeanSpend, populationMeanSpend } from './gamma-gamma/expected-spend.ts';
export { fitGammaGamma, type GammaGammaFit } from './gamma-gamma/fit.ts';
export { gammaGammaLogLikelihood } from './gamma-gamma/log-likelihood.ts';
export type { GammaGammaParameters } from './gamma-gamma/parameters.ts';
export type { PurchaseHistory, SpendHistory } from './history.ts';
// Holdout validation.
export { areaUnderRocCurve } from './holdout/auc.ts';
export { evaluateHoldout, type FrequencyGroup, type HoldoutEvaluation } from './holdout/evaluate.ts';
export { customerLifetimeValue, type LifetimeValueOptions } from './lifetime-value.ts';
export { type PurchaseModelParameters, parsePurchaseModelParameters, purchaseModelParameters } from './parameters-file.ts';
export { formatFitReport, formatHoldoutReport } from './report.ts';
export { type CdnowLayout, parseCdnow } from './sources/cdnow.ts';
export { type PurchaseEventRows, parsePurchaseEvents } from './sources/purchase-events.ts';
export { detectPurchaseFormat, type PurchaseFormat, type PurchaseText, parsePurchaseText, purchaseFormats } from './sources/purchase-text.ts';
// Stream use: a running per-customer summary and what the models say about it at an instant.
export {
  expectedOrderValue,
  expectedPurchasesWithin,
  historyAt,
  lifetimeValueWithin,
  type PurchaseOutlook,
  probabilityAliveAt,
  probabilityNoPurchaseWithin,
  purchaseOutlook,
} from './stream/outlook.ts';
export { addPurchase, type PurchaseFact, type RunningPurchaseSummary } from './stream/running-summary.ts';
export { dayNumberFromCompactDate, dayNumberFromIsoDate, dayNumberOfInstant, isoDateOfDayNumber } from './summary/calendar.ts';
export { type CustomerSummary, countPurchaseDays, type PurchaseRow, type SummaryOptions, summarisePurchases } from './summary/customer-summary.ts';
export { DAYS_PER_UNIT, DAYS_PER_YEAR, type TimeUnit, timeUnits } from './units.ts';
