// Composition root: configuration → logger → metrics → Kafka runtime → signal traps, all in the
// shared start-up of the detection services; this file only names the service.
import { startDetectionService } from '@churnwatch/detection-service-kit';
import { contractMonitor } from './config.ts';

await startDetectionService(contractMonitor);
