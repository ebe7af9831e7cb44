// Composition root: the shared start-up of the detection services (configuration → logger →
// metrics → Kafka runtime → signal traps), then the reader that keeps the KPI gauges.
import { kafkaClientSecurity } from '@churnwatch/connection-security';
import { startDetectionService } from '@churnwatch/detection-service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { kpiAggregator } from './config.ts';
import { createKpiGauges } from './kpi-gauges.ts';
import { startRetentionKpisReader } from './retention-kpis-reader.ts';

const { config, running } = await startDetectionService(kpiAggregator);
const kafka = new Kafka({
  clientId: `${config.runtime.applicationId}-kpi-gauges-${process.pid}`,
  brokers: config.runtime.kafkaBrokers,
  logLevel: logLevel.WARN,
  ...kafkaClientSecurity(config.runtime.kafkaSecurity),
});
const reader = await startRetentionKpisReader({
  kafka,
  topic: config.topics.retentionKpis as string,
  groupPrefix: config.runtime.applicationId,
  segments: config.detection.segmentLabels,
  gauges: createKpiGauges(running.registry),
  logger: running.logger.child({ component: 'kpi-gauges' }),
});
// runService exits the process after its own shutdown; leave the group first so the reader's is not left waiting for a timeout.
process.prependOnceListener('SIGTERM', () => void reader.stop().catch(() => {}));
