import { createHmac } from 'node:crypto';
import { slackMessage } from '@churnwatch/alert-format';
import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';

interface Button {
  readonly action_id: string;
  readonly value: string;
  readonly text: { readonly text: string };
}

/** The buttons of an alert's Slack message, as the notifier sends them. */
export function buttonsOf(alert: ChurnRiskAlertV1): Button[] {
  const blocks = (slackMessage(alert) as { blocks: { type: string; elements?: Button[] }[] }).blocks;
  return blocks.find((block) => block.type === 'actions')?.elements ?? [];
}

/** The form body Slack posts when a user clicks `button` (the fields we read, as Slack names them). */
export function clickBody(button: Button, user = { id: 'U024BE7LH', name: 'dana' }, actionTs = '1765432100.000100'): string {
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T0001' },
    api_app_id: 'A0001',
    container: { type: 'message', message_ts: '1765432000.000200', channel_id: 'C0001' },
    trigger_id: '123.456.abc',
    actions: [
      {
        type: 'button',
        block_id: 'b',
        action_id: button.action_id,
        value: button.value,
        text: { type: 'plain_text', text: button.text.text },
        action_ts: actionTs,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Headers of a request signed as Slack signs it, at `timestampSeconds`. */
export function slackHeaders(body: string, secret: string, timestampSeconds: number): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`,
  };
}
