import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { headline, isAllClear, stakes } from './facts.ts';
import { slackActionBlocks, slackMention } from './slack-actions.ts';

const severityEmoji = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' } as const;

/** A Slack incoming-webhook payload: `text` for notifications, blocks for the message itself. */
export function slackMessage(alert: ChurnRiskAlertV1): Record<string, unknown> {
  const emoji = alert.status === 'resolved' ? (isAllClear(alert) ? ':white_check_mark:' : ':black_square_for_stop:') : severityEmoji[alert.severity];
  const mention = slackMention(alert.owner?.slackHandle);
  return {
    text: `${emoji} ${headline(alert)}: ${alert.summary}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${emoji} *${headline(alert)}*${mention}\n${alert.summary}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${stakes(alert).join(' · ')} · alert \`${alert.alertId}\`` }] },
      ...slackActionBlocks(alert),
    ],
  };
}
