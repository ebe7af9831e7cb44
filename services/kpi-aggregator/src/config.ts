import { createKpiAggregator } from '@churnwatch/detection';
import type { DetectionServiceDefinition } from '@churnwatch/detection-service-kit';
import { createKpiGauges } from './kpi-gauges.ts';
import { startRetentionKpisReader } from './retention-kpis-reader.ts';

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
  alongside: async (context) => {
    const { config } = context.config;
    const kafka = context.kafka({ clientId: `${config.runtime.applicationId}-kpi-gauges-${process.pid}`, brokers: config.runtime.kafkaBrokers });
    const reader = await startRetentionKpisReader({
      kafka,
      topic: config.topics.retentionKpis as string,
      groupPrefix: config.runtime.applicationId,
      segments: config.detection.segmentLabels,
      gauges: createKpiGauges(context.registry),
      logger: context.logger.child({ component: 'kpi-gauges' }),
    });
    // Registered after the processor, so it stops first: it leaves its group before the runtime's shutdown.
    context.health.add('kpi-gauges', reader.health);
    context.onShutdown('kpi-gauges', () => reader.stop());
  },
};
