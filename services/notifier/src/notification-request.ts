import { accountPageUrl, slackMessage, teamsMessage } from '@churnwatch/alert-format';
import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { Route } from './routes.ts';

export interface NotificationRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * The HTTP request that delivers one alert step over one route. The idempotency key is the same on
 * every retry and redelivery, so a receiver can drop the repeats that at-least-once delivery allows.
 */
export function notificationRequest(alert: ChurnRiskAlertV1, route: Route, accountPageBaseUrl?: string): NotificationRequest {
  const links = accountPageBaseUrl ? { accountPage: accountPageUrl(accountPageBaseUrl, alert.customerId) } : {};
  const payload = route.channel === 'slack' ? slackMessage(alert, links) : route.channel === 'teams' ? teamsMessage(alert, links) : alert;
  return {
    url: route.url,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `${alert.eventId}/${route.name}`,
      'x-churnwatch-alert-id': alert.alertId,
      ...route.headers,
    },
    body: JSON.stringify(payload),
  };
}
