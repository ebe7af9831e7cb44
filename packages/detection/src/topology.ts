import { createComplaintMonitor } from './complaints/complaint-monitor.ts';
import type { DetectionConfig } from './config/detection-config.ts';
import { createContractMonitor } from './contract/contract-monitor.ts';
import { createKpiAggregator } from './kpi/kpi-aggregator.ts';
import type { PurchaseLapseScorer } from './purchases/lapse-scorer.ts';
import { createPurchaseMonitor } from './purchases/purchase-monitor.ts';
import { createRiskScorer } from './scoring/risk-scorer.ts';
import { createUsageMonitor } from './usage/usage-monitor.ts';

/**
 * Every detection processor, built from one configuration. Wired by logical names:
 *
 *   usage, customerProfiles                 → usage-monitor     → signals
 *   purchases, customerProfiles             → contract-monitor  → signals
 *   complaints, customerProfiles            → complaint-monitor → signals
 *   purchases, customerProfiles             → purchase-monitor  → signals
 *   signals, customerProfiles, feedback, control → risk-scorer  → alerts, customerHealth, kpi
 *   kpi (keyed by segment)                  → kpi-aggregator    → retentionKpis
 *
 * A service runs one of them (or several); a replay or test runs them all together. Live, the
 * contract, complaint and purchase monitors also read usage as their clock (detectionClockInputs).
 */
export interface DetectionProcessors {
  readonly usageMonitor: ReturnType<typeof createUsageMonitor>;
  readonly contractMonitor: ReturnType<typeof createContractMonitor>;
  readonly complaintMonitor: ReturnType<typeof createComplaintMonitor>;
  readonly purchaseMonitor: ReturnType<typeof createPurchaseMonitor>;
  readonly riskScorer: ReturnType<typeof createRiskScorer>;
  readonly kpiAggregator: ReturnType<typeof createKpiAggregator>;
}

/**
 * Topics a live service reads only for their event time (the stream runtime's clock inputs), by
 * processor name. The contract, complaint and purchase monitors' own inputs are sparse: they follow
 * the usage topic's time, so that their checks fire where the history is while a backfill is read.
 * A replay has one clock for all and needs none.
 */
export const detectionClockInputs: Readonly<Record<string, readonly 'usage'[]>> = {
  'contract-monitor': ['usage'],
  'complaint-monitor': ['usage'],
  'purchase-monitor': ['usage'],
};

export function createDetectionProcessors(config: DetectionConfig, options: { readonly purchaseScorer?: PurchaseLapseScorer } = {}): DetectionProcessors {
  return {
    usageMonitor: createUsageMonitor(config),
    contractMonitor: createContractMonitor(config),
    complaintMonitor: createComplaintMonitor(config),
    purchaseMonitor: createPurchaseMonitor(config, options.purchaseScorer === undefined ? {} : { scorer: options.purchaseScorer }),
    riskScorer: createRiskScorer(config),
    kpiAggregator: createKpiAggregator(config),
  };
}
