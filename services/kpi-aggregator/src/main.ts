// Composition root: the shared start-up of the detection services on the service shell
// (configuration → logger → metrics → Kafka runtime → signal traps), with the reader that keeps
// the KPI gauges running alongside the processor.
import { startDetectionService } from '@churnwatch/detection-service-kit';
import { kpiAggregator } from './config.ts';

await startDetectionService(kpiAggregator);
