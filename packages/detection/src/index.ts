// The public door of @churnwatch/detection: the processors a service runs, their configuration,
// and the internal topic contracts between them. Everything here is pure (no I/O, no clock).

export { COMPLAINT_CHECK_TIMER, type ComplaintMonitorInput, type ComplaintMonitorState, createComplaintMonitor } from './complaints/complaint-monitor.ts';
export { DEFAULT_THRESHOLDS } from './config/defaults.ts';
export { type DetectionConfig, type DetectionConfigInput, detectionConfigInput, OTHER_SEGMENT } from './config/detection-config.ts';
export { parseDetectionConfig } from './config/parse.ts';
export { type CustomerSegmentation, resolveThresholds, segmentLabelOf } from './config/resolve.ts';
export type { ThresholdOverrides, Thresholds } from './config/sections.ts';
export { CONTRACT_CHECK_TIMER, type ContractMonitorInput, type ContractMonitorState, createContractMonitor } from './contract/contract-monitor.ts';
export { createKpiAggregator, type KpiAggregatorState } from './kpi/kpi-aggregator.ts';
export {
  type KpiChangeV1,
  type KpiRow,
  kpiChangesContract,
  kpiChangeV1,
  type RetentionKpisV1,
  retentionKpisContract,
  retentionKpisV1,
} from './kpi/kpi-contract.ts';
export { averageLifetimeValue, churnRate, netDollarRetention, netPromoterScore, repeatPurchaseRate, retentionRate } from './kpi/kpi-formulas.ts';
export { type GapJudgement, gapEvidence, intervalsOf, judgeGap, pauseChanceText, usualGapText } from './purchases/gap-lapse.ts';
export { type GapModel, type GapPrior, gapModelOf, gapShapeOf, pauseDaysAt, pauseProbability } from './purchases/gap-survival.ts';
export type { LapseAssessment, PurchaseLapseScorer } from './purchases/lapse-scorer.ts';
export { modelHistoryOf, type PurchaseHistory } from './purchases/purchase-history.ts';
export {
  createPurchaseMonitor,
  PURCHASE_CHECK_TIMER,
  type PurchaseMonitorInput,
  type PurchaseMonitorOptions,
  type PurchaseMonitorState,
} from './purchases/purchase-monitor.ts';
export { createRhythmLapseScorer } from './purchases/rhythm-lapse-scorer.ts';
export { alertIdOf } from './scoring/alert-builder.ts';
export { type ControlEventV1, controlContract, controlEventV1 } from './scoring/control-contract.ts';
export { computeHealthScore, type FactorReading, type HealthScore } from './scoring/health-score.ts';
export type { InputHold } from './scoring/held-inputs.ts';
export { createRiskScorer, type RiskScorerInput } from './scoring/risk-scorer.ts';
export type { RiskScorerState } from './scoring/scorer-state.ts';
export { type Finding, type SignalConcern, type SignalV1, signalConcerns, signalsContract, signalV1 } from './signals/signal-contract.ts';
export { negativeBinomialLowerTail } from './stats/negative-binomial.ts';
export { poissonLowerTail } from './stats/poisson.ts';
export { createDetectionProcessors, type DetectionProcessors, detectionClockInputs } from './topology.ts';
export { type DeclineMeasurement, type DeclineOutcome, measureDecline } from './usage/decline-test.ts';
export { createUsageMonitor, USAGE_DAILY_TIMER, USAGE_SILENCE_TIMER, type UsageMonitorInput, type UsageMonitorState } from './usage/usage-monitor.ts';
