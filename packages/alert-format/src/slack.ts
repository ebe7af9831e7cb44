import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { escapeSlackText } from './escape/slack-text.ts';
import { isAllClear } from './facts.ts';
import { translator } from './i18n/translator.ts';
import { alertLocale } from './locale.ts';
import type { RenderOptions } from './render-options.ts';
import { renderAlert } from './rendered-alert.ts';
import { slackActionBlocks, slackMention } from './slack-actions.ts';

const severityEmoji = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' } as const;

/**
 * A Slack incoming-webhook payload: `text` for notifications, blocks for the message itself. All
 * text is escaped for mrkdwn; the only markup is churnwatch's own (bold headline, the owner's
 * mention when the profile holds a real Slack member id, the alert id as code).
 */
export function slackMessage(alert: ChurnRiskAlertV1, options: RenderOptions = {}): Record<string, unknown> {
  const locale = options.locale ?? alertLocale(alert);
  const rendered = renderAlert(alert, locale);
  const tr = translator(locale);
  const emoji = alert.status === 'resolved' ? (isAllClear(alert) ? ':white_check_mark:' : ':black_square_for_stop:') : severityEmoji[alert.severity];
  const mention = slackMention(alert.owner?.slackHandle);
  const headline = escapeSlackText(rendered.headline);
  const summary = escapeSlackText(rendered.summary);
  const stakes = escapeSlackText(rendered.stakes.join(' · '));
  const { before, after } = rendered.reference;
  return {
    text: `${emoji} ${headline}: ${summary}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${emoji} *${headline}*${mention}\n${summary}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${stakes} · ${escapeSlackText(before)}\`${escapeSlackText(alert.alertId)}\`${escapeSlackText(after)}` }],
      },
      ...slackActionBlocks(alert, tr),
      ...(options.links?.accountPage
        ? [
            {
              type: 'actions',
              elements: [{ type: 'button', text: { type: 'plain_text', text: tr.text('button.accountPage') }, url: options.links.accountPage }],
            },
          ]
        : []),
    ],
  };
}
