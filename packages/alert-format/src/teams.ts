import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { AlertLinks } from './account-link.ts';
import { headline, isAllClear, stakes } from './facts.ts';

/** A Microsoft Teams webhook message carrying an Adaptive Card. */
export function teamsMessage(alert: ChurnRiskAlertV1, links: AlertLinks = {}): Record<string, unknown> {
  const color =
    alert.status === 'resolved'
      ? isAllClear(alert)
        ? 'Good'
        : 'Default'
      : alert.severity === 'critical'
        ? 'Attention'
        : alert.severity === 'warning'
          ? 'Warning'
          : 'Accent';
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: headline(alert), weight: 'Bolder', color, wrap: true },
            { type: 'TextBlock', text: alert.summary, wrap: true },
            { type: 'TextBlock', text: `${stakes(alert).join(' · ')} · alert ${alert.alertId}`, isSubtle: true, size: 'Small', wrap: true },
          ],
          ...(links.accountPage ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the account page', url: links.accountPage }] } : {}),
        },
      },
    ],
  };
}
