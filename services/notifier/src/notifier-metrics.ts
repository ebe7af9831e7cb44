import { Counter, Histogram, type Registry } from 'prom-client';

/** The notifier's delivery metrics, registered once and shared by every route's sink. */
export function createNotifierMetrics(registry: Registry) {
  return {
    notifications: new Counter({
      name: 'churnwatch_notifications_total',
      help: 'Alert deliveries by route and outcome (delivered, failed, invalid)',
      labelNames: ['route', 'channel', 'outcome'],
      registers: [registry],
    }),
    attempts: new Histogram({
      name: 'churnwatch_notification_attempt_duration_seconds',
      help: 'Duration of single HTTP delivery attempts',
      labelNames: ['channel', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
export type NotifierMetrics = ReturnType<typeof createNotifierMetrics>;
