// The public door of @churnwatch/model-lapse-scorer: fitted BG/NBD parameters as the purchase
// monitor's lapse scorer.
export { ageWhenAliveFallsBelow } from './alive-crossing.ts';
export { createModelLapseScorer, defaultModelLapseThresholds, type ModelLapseThresholds } from './model-lapse-scorer.ts';
