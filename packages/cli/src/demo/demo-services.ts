import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from './service-processes.ts';

/** The thresholds the demo (and docker compose) run with: the generated segments, year-end holidays. */
export const demoDetectionConfigFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'deploy', 'config', 'detection.json');

/** The services the demo runs, in start order: the monitors, then what reads their signals. */
export const demoServiceNames = ['usage-monitor', 'contract-monitor', 'complaint-monitor', 'purchase-monitor', 'risk-scorer', 'kpi-aggregator'] as const;

/** Each service gets its own metrics port, counting up from `firstMetricsPort`. */
export function demoServices(brokers: readonly string[], firstMetricsPort: number): (ServiceSpec & { metricsPort: number })[] {
  return demoServiceNames.map((name, index) => ({
    name,
    metricsPort: firstMetricsPort + index,
    env: {
      CHURNWATCH_KAFKA_BROKERS: brokers.join(','),
      CHURNWATCH_METRICS_PORT: String(firstMetricsPort + index),
      CHURNWATCH_LOG_LEVEL: process.env.CHURNWATCH_LOG_LEVEL ?? 'info',
      CHURNWATCH_DETECTION_CONFIG_FILE: demoDetectionConfigFile,
    },
  }));
}
