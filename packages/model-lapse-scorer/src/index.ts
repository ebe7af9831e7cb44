// The public door of @churnwatch/model-lapse-scorer: fitted BG/NBD parameters as the purchase
// monitor's lapse scorer.
export { ageWhenAliveFallsBelow } from './alive-crossing.ts';
export { createModelLapseScorer, type ModelLapseThresholds } from './model-lapse-scorer.ts';
