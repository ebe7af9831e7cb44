import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';

/** What the notifier's /metrics says about its one route. */
export interface NotifierReading {
  /** Alerts the route has not finished (`churnwatch_notifier_lag_records`). */
  readonly lag: number;
  /** HTTP attempts that did not deliver and will be retried (timeouts, 429, 5xx). */
  readonly failedAttempts: number;
  /** Alert steps given up on: written to the failed-notifications topic. */
  readonly givenUp: number;
}

/** The notifier's figures for `route`; undefined while it does not answer. */
export async function readNotifier(metricsPort: number, route: string): Promise<NotifierReading | undefined> {
  const text = await scrapeMetrics(metricsPort);
  if (text === undefined || !text.includes('churnwatch_notifier_lag_records')) return undefined;
  return {
    lag: metricSum(text, 'churnwatch_notifier_lag_records', { route }),
    failedAttempts: metricSum(text, 'churnwatch_notification_attempt_duration_seconds_count', { outcome: 'retry' }),
    givenUp: metricSum(text, 'churnwatch_notifications_total', { route, outcome: 'failed' }),
  };
}
