import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { AlertLinks } from './account-link.ts';
import { headline, isAllClear, stakes } from './facts.ts';

const severityEmoji = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' } as const;

/** A Slack incoming-webhook payload: `text` for notifications, blocks for the message itself. */
export function slackMessage(alert: ChurnRiskAlertV1, links: AlertLinks = {}): Record<string, unknown> {
  const emoji = alert.status === 'resolved' ? (isAllClear(alert) ? ':white_check_mark:' : ':black_square_for_stop:') : severityEmoji[alert.severity];
  const mention = alert.owner?.slackHandle ? ` <@${alert.owner.slackHandle}>` : '';
  return {
    text: `${emoji} ${headline(alert)}: ${alert.summary}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${emoji} *${headline(alert)}*${mention}\n${alert.summary}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${stakes(alert).join(' · ')} · alert \`${alert.alertId}\`` }] },
      ...(links.accountPage
        ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the account page' }, url: links.accountPage }] }]
        : []),
    ],
  };
}
