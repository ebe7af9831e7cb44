import type { createMetricsRegistry } from '@churnwatch/telemetry';

type Registry = ReturnType<typeof createMetricsRegistry>;

/** A counter's total, or a histogram's sum, from a runtime's registry (0 before it exists). */
export async function metricValue(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { type, values } = await metric.get();
  const relevant = String(type) === 'histogram' ? values.filter((v) => (v as { metricName?: string }).metricName === `${name}_sum`) : values;
  return relevant.reduce((sum, v) => sum + v.value, 0);
}
