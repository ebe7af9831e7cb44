import { createKpiAggregator } from '@churnwatch/detection';
import type { DetectionServiceDefinition } from '@churnwatch/detection-service-kit';

/**
 * The KPI aggregator: reads KPI changes (keyed by segment), writes the retention-KPIs table (one
 * snapshot per segment and period, compacted) and shows the latest snapshots as gauges. Keyed by
 * segment. Settings: the shared CHURNWATCH_* variables (see services/README.md).
 */
export const kpiAggregator: DetectionServiceDefinition = {
  service: 'kpi-aggregator',
  inputs: ['kpi'],
  outputs: ['retentionKpis'],
  processor: ({ detection }) => createKpiAggregator(detection),
};
