import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { accountPageUrl, slackMessage, teamsMessage } from '../src/index.ts';

const alert: ChurnRiskAlertV1 = {
  schemaVersion: 1,
  alertId: 'alert-1',
  eventId: 'alert-1-opened',
  customerId: 'cust 42/eu',
  kind: 'usage_stopped',
  status: 'opened',
  severity: 'critical',
  openedAt: '2026-10-02T00:00:00Z',
  eventTime: '2026-10-02T00:00:00Z',
  summary: 'No usage for 17 days',
  evidence: [{ detector: 'silence', ruleVersion: 'detection-1', observed: {}, thresholds: {} }],
  segment: 'smb',
};

describe('link to the account page', () => {
  it('builds the customer’s page address from the configured base URL', () => {
    expect(accountPageUrl('https://cs.example.com/churnwatch/', 'cust 42/eu')).toBe('https://cs.example.com/churnwatch/customers/cust%2042%2Feu');
  });

  it('adds a button to Slack and an action to Teams only when a page is configured', () => {
    const url = accountPageUrl('https://cs.example.com', alert.customerId);
    expect(JSON.stringify(slackMessage(alert, { links: { accountPage: url } }))).toContain(`"url":"${url}"`);
    expect(JSON.stringify(teamsMessage(alert, { links: { accountPage: url } }))).toContain(
      `"type":"Action.OpenUrl","title":"Open the account page","url":"${url}"`,
    );
    expect(JSON.stringify(slackMessage(alert))).not.toContain('account page');
    expect(JSON.stringify(teamsMessage(alert))).not.toContain('account page');
  });
});
