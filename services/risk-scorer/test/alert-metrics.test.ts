import { contractExamples } from '@churnwatch/contracts';
import { Registry } from 'prom-client';
import { expect, test } from 'vitest';
import { alertMetrics } from '../src/alert-metrics.ts';

test('alert steps are counted by kind, status and severity; other outputs are not', async () => {
  const registry = new Registry();
  const observe = alertMetrics(registry);
  const alert = contractExamples.alerts;
  const output = (value: unknown, name = 'alerts') => ({ output: name, key: alert.customerId, value, id: 'x', eventTimeMs: 0 });
  observe([output(alert), output({ ...alert, status: 'resolved' }), output({ score: 40 }, 'customerHealth')]);
  observe([output(alert)]);
  const text = await registry.getSingleMetricAsString('churnwatch_alerts_total');
  expect(text).toContain('churnwatch_alerts_total{kind="usage_declining",status="opened",severity="warning"} 2');
  expect(text).toContain('churnwatch_alerts_total{kind="usage_declining",status="resolved",severity="warning"} 1');
  expect(text.split('\n').filter((line) => line.startsWith('churnwatch_alerts_total{'))).toHaveLength(2);
});
