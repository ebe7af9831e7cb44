import { createRiskScorer } from '@churnwatch/detection';
import type { DetectionServiceDefinition } from '@churnwatch/detection-service-kit';
import { alertMetrics } from './alert-metrics.ts';

/**
 * The risk scorer: reads the monitors' signals, the customer profiles, NPS feedback and snooze
 * requests; writes alerts, the customer-health table and KPI changes (keyed by segment). Keyed by customer.
 * Settings: the shared CHURNWATCH_* variables (see services/README.md). Adds
 * `churnwatch_alerts_total{kind,status,severity}` to the runtime's metrics.
 */
export const riskScorer: DetectionServiceDefinition = {
  service: 'risk-scorer',
  inputs: ['signals', 'customerProfiles', 'feedback', 'control'],
  outputs: ['alerts', 'customerHealth', 'kpi'],
  processor: ({ detection }) => createRiskScorer(detection),
  outputMetrics: alertMetrics,
};
