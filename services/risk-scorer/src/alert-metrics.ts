import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { OutputRecord } from '@churnwatch/stream-runtime';
import { Counter, type Registry } from 'prom-client';

/**
 * `churnwatch_alerts_total{kind,status,severity}`: alert life-cycle steps made durable on the
 * alerts topic, for the dashboards' alert volumes. All three labels are closed enums.
 */
export function alertMetrics(registry: Registry): (outputs: readonly OutputRecord[]) => void {
  const alerts = new Counter({
    name: 'churnwatch_alerts_total',
    help: 'Alert life-cycle steps published (opened, escalated, updated, resolved), by kind and severity.',
    labelNames: ['kind', 'status', 'severity'],
    registers: [registry],
  });
  return (outputs) => {
    for (const output of outputs) {
      if (output.output !== 'alerts') continue;
      const alert = output.value as ChurnRiskAlertV1;
      alerts.inc({ kind: alert.kind, status: alert.status, severity: alert.severity });
    }
  };
}
