import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { labelsOf, partOf } from './labels.ts';

/** One ServiceMonitor for every churnwatch Service: Prometheus Operator scrapes /metrics on the `metrics` port. */
export function serviceMonitor(): ServiceMonitor {
  return new ServiceMonitor({
    metadata: { name: 'churnwatch', labels: labelsOf('service-monitor') },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/part-of': partOf } },
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }],
    },
  });
}
