import { createRiskScorer } from '@churnwatch/detection';
import type { DetectionServiceDefinition } from '@churnwatch/detection-service-kit';
import { z } from 'zod';
import { alertMetrics } from './alert-metrics.ts';

/** The risk scorer's own settings, besides the shared CHURNWATCH_* ones. */
export const riskScorerSettings = {
  /**
   * With `CHURNWATCH_CLOCK_INPUTS=on`: the longest a signal or profile row waits past its time (wall
   * clock) for a clock that does not get there, as on a partition without usage for a while.
   */
  heldInputMaxWaitMs: z.coerce.number().int().min(1_000).max(86_400_000).default(120_000),
};

/**
 * The risk scorer: reads the monitors' signals, the customer profiles, NPS feedback and snooze
 * requests; writes alerts, the customer-health table and KPI changes (keyed by segment). Keyed by customer.
 * Settings: the shared CHURNWATCH_* variables (see services/README.md) and the one above. Adds
 * `churnwatch_alerts_total{kind,status,severity}` to the runtime's metrics.
 *
 * Its clock input is off unless `CHURNWATCH_CLOCK_INPUTS=on`: it then reads the usage topic as its
 * clock, led by every monitor's group, and takes the signals and profile rows in event-time order
 * (held-inputs.ts of @churnwatch/detection), at the cost of waiting for the slowest monitor's commits.
 */
export const riskScorer: DetectionServiceDefinition<typeof riskScorerSettings> = {
  service: 'risk-scorer',
  inputs: ['signals', 'customerProfiles', 'feedback', 'control'],
  clockInputs: ['usage'],
  clockLeaders: ['usage-monitor', 'contract-monitor', 'complaint-monitor', 'purchase-monitor'],
  clockInputsByDefault: false,
  outputs: ['alerts', 'customerHealth', 'kpi'],
  settings: riskScorerSettings,
  processor: ({ detection, clockInputs, own }) => createRiskScorer(detection, clockInputs.length > 0 ? { hold: { maxWaitMs: own.heldInputMaxWaitMs } } : {}),
  outputMetrics: alertMetrics,
};
