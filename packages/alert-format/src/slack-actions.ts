import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { escapeSlackText, isSlackMemberId } from './escape/slack-text.ts';
import type { Translator } from './i18n/translator.ts';

/**
 * The buttons under an alert's Slack message. Their action ids and value are read back by the
 * alert-actions service (services/alert-actions/src/slack-interaction.ts) when someone clicks:
 * the value names the alert, so a click on an alert that has since closed changes nothing.
 * A closed alert gets no buttons. The labels are in the reader's language (`tr`).
 */
export function slackActionBlocks(alert: ChurnRiskAlertV1, tr: Translator): Record<string, unknown>[] {
  if (alert.status === 'resolved') return [];
  // Opaque to Slack (base64url of JSON), so that no customer-supplied id stands as text in the payload.
  const value = Buffer.from(JSON.stringify({ alertId: alert.alertId, customerId: alert.customerId, kind: alert.kind })).toString('base64url');
  const button = (text: string, actionId: string, style?: 'primary') => ({
    type: 'button',
    text: { type: 'plain_text', text },
    action_id: actionId,
    value,
    ...(style === undefined ? {} : { style }),
  });
  return [
    {
      type: 'actions',
      block_id: `churnwatch_actions:${alert.eventId}`.slice(0, 255),
      elements: [
        button(tr.text('button.acknowledge'), 'churnwatch_acknowledge', 'primary'),
        button(tr.text('button.snoozeWeek'), 'churnwatch_snooze'),
        button(tr.text('button.assignToMe'), 'churnwatch_assign_me'),
      ],
    },
  ];
}

/** Slack member ids (U…, W…) become mentions; any other handle is shown as escaped text, never a broken mention. */
export function slackMention(handle: string | undefined): string {
  if (handle === undefined || handle === '') return '';
  if (isSlackMemberId(handle)) return ` <@${handle}>`;
  return ` ${escapeSlackText(handle.startsWith('@') ? handle : `@${handle}`)}`;
}
