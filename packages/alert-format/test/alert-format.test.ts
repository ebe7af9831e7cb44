import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { describe, expect, test } from 'vitest';
import { formatAlertForTerminal, formatMoney, slackMessage, stakes, teamsMessage } from '../src/index.ts';

const alert: ChurnRiskAlertV1 = contractExamples.alerts;

describe('alert rendering', () => {
  test('money is shown in whole units with thousands separators', () => {
    expect(formatMoney('48000.50', 'EUR')).toBe('EUR 48,001');
    expect(formatMoney('999', 'USD')).toBe('USD 999');
  });

  test('stakes list value at risk, renewal, health, segment, owner, severity and start, in that order', () => {
    expect(stakes(alert)).toEqual([
      'at risk EUR 15,000 (recurring revenue)',
      'renewal 2027-03-01',
      'health 41/100',
      'segment enterprise',
      'owner Dana Owner',
      'severity warning',
      'since 2026-03-08',
    ]);
  });

  test('the terminal form is three plain lines without colour codes when colour is off', () => {
    const lines = formatAlertForTerminal(alert, false).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('OPENED usage declining — cust-0042');
    expect(lines[1]).toBe(`    ${alert.summary}`);
    expect(lines[2]).toContain('at risk EUR 15,000');
    expect(formatAlertForTerminal(alert, true)).toContain('\x1b[33m');
  });

  test('Slack gets a notification text and blocks; a resolved alert gets the check mark', () => {
    const owned = { ...alert, owner: { name: 'Dana Owner', slackHandle: 'U024BE7LH' } };
    const message = slackMessage(owned) as { text: string; blocks: { text?: { text: string } }[] };
    expect(message.text).toBe(`:warning: OPENED usage declining — cust-0042: ${alert.summary}`);
    expect(message.blocks[0]?.text?.text).toContain('<@U024BE7LH>');
    expect((slackMessage(alert) as { blocks: { text?: { text: string } }[] }).blocks[0]?.text?.text).not.toContain('<@');
    expect((slackMessage({ ...alert, status: 'resolved' }) as { text: string }).text.startsWith(':white_check_mark:')).toBe(true);
  });

  test('an alert closed because the contract ended is not shown as an all-clear', () => {
    const closed: ChurnRiskAlertV1 = { ...alert, status: 'resolved', resolution: 'contract_ended' };
    expect(formatAlertForTerminal(closed, false).split('\n')[0]).toBe('CLOSED (contract ended) usage declining — cust-0042');
    expect((slackMessage(closed) as { text: string }).text.startsWith(':black_square_for_stop:')).toBe(true);
    expect(formatAlertForTerminal({ ...alert, status: 'resolved', resolution: 'all_clear' }, false).split('\n')[0]).toBe(
      'RESOLVED usage declining — cust-0042',
    );
  });

  test('Teams gets an Adaptive Card whose title colour follows the severity', () => {
    const message = teamsMessage({ ...alert, severity: 'critical' }) as { attachments: { content: { body: { text: string; color?: string }[] } }[] };
    const body = message.attachments[0]?.content.body ?? [];
    expect(body[0]).toMatchObject({ text: 'OPENED usage declining — cust-0042', color: 'Attention' });
    expect(body[1]?.text).toBe(alert.summary);
  });
});
