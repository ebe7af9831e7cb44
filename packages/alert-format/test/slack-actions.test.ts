import { contractExamples } from '@churnwatch/contracts';
import { describe, expect, test } from 'vitest';
import { slackActionBlocks, slackMention, slackMessage, translator } from '../src/index.ts';

const alert = contractExamples.alerts;

describe('Slack buttons and mentions', () => {
  test('an open alert carries Acknowledge, Snooze 7 days and Assign to me, each naming the alert', () => {
    const blocks = (slackMessage(alert) as { blocks: { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[] }).blocks;
    const buttons = blocks.find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((button) => [button.text.text, button.action_id])).toEqual([
      ['Acknowledge', 'churnwatch_acknowledge'],
      ['Snooze 7 days', 'churnwatch_snooze'],
      ['Assign to me', 'churnwatch_assign_me'],
    ]);
    for (const button of buttons)
      expect(JSON.parse(Buffer.from(button.value, 'base64url').toString('utf8'))).toEqual({
        alertId: alert.alertId,
        customerId: alert.customerId,
        kind: alert.kind,
      });
  });

  test('the buttons and the account-page link speak the reader’s language', () => {
    const message = slackMessage(alert, { locale: 'de', links: { accountPage: 'https://cs.example.com/customers/x' } }) as {
      blocks: { type: string; elements?: { text: { text: string } }[] }[];
    };
    const labels = message.blocks.filter((block) => block.type === 'actions').flatMap((block) => (block.elements ?? []).map((button) => button.text.text));
    expect(labels).toEqual(['Bestätigen', '7 Tage stummschalten', 'Mir zuweisen', 'Kontoseite öffnen']);
  });

  test('a closed alert has no buttons', () => {
    expect(slackActionBlocks({ ...alert, status: 'resolved' }, translator('en'))).toEqual([]);
  });

  test('member ids become mentions; other handles are shown as escaped text', () => {
    expect(slackMention('U024BE7LH')).toBe(' <@U024BE7LH>');
    expect(slackMention('W0123ABC')).toBe(' <@W0123ABC>');
    expect(slackMention('@dana')).toBe(' @dana');
    expect(slackMention('<!channel>')).toBe(' @&lt;!channel&gt;');
    expect(slackMention(undefined)).toBe('');
    const text = (slackMessage({ ...alert, owner: { name: 'Dana', slackHandle: '@dana' } }) as { blocks: { text?: { text: string } }[] }).blocks[0]?.text?.text;
    expect(text).toContain('@dana');
    expect(text).not.toContain('<@');
  });
});
