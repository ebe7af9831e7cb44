import { accountPageUrl, slackMessage, teamsMessage } from '@churnwatch/alert-format';
import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { Route } from './routes.ts';

export interface NotificationRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** When set, every attempt is signed per Standard Webhooks with these keys (see webhook-signing.ts). */
  readonly signing?: { readonly id: string; readonly keys: readonly Buffer[] };
}

/**
 * The HTTP request that delivers one alert step over one route. The idempotency key is the same on
 * every retry and redelivery, so a receiver can drop the repeats that at-least-once delivery allows.
 */
export function notificationRequest(
  alert: ChurnRiskAlertV1,
  route: Route,
  signingKeys: readonly Buffer[] = [],
  accountPageBaseUrl?: string,
): NotificationRequest {
  const options = {
    ...(route.locale === undefined ? {} : { locale: route.locale }),
    ...(accountPageBaseUrl ? { links: { accountPage: accountPageUrl(accountPageBaseUrl, alert.customerId) } } : {}),
  };
  const payload = route.channel === 'slack' ? slackMessage(alert, options) : route.channel === 'teams' ? teamsMessage(alert, options) : alert;
  return {
    url: route.url,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `${alert.eventId}/${route.name}`,
      'x-churnwatch-alert-id': alert.alertId,
      ...route.headers,
    },
    body: JSON.stringify(payload),
    // The webhook id is the idempotency key: the same on every retry, as the spec asks.
    ...(signingKeys.length === 0 ? {} : { signing: { id: `${alert.eventId}/${route.name}`, keys: signingKeys } }),
  };
}
