import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every churnwatch metric name starts with this. */
export const metricPrefix = 'churnwatch_';

/** A registry for one service, with Node's process metrics and a `service` label on everything. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: metricPrefix });
  return registry;
}
