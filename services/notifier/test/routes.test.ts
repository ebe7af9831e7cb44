import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { describe, expect, test } from 'vitest';
import { type Route, routesFor, routesSchema } from '../src/routes.ts';

const alert: ChurnRiskAlertV1 = contractExamples.alerts;
const routes: Route[] = routesSchema.parse([
  { name: 'all', channel: 'webhook', url: 'http://127.0.0.1:1/all' },
  { name: 'critical-only', channel: 'slack', url: 'http://127.0.0.1:1/c', match: { minSeverity: 'critical' } },
  { name: 'smb', channel: 'teams', url: 'http://127.0.0.1:1/smb', match: { segments: ['smb'] } },
  { name: 'dana', channel: 'slack', url: 'http://127.0.0.1:1/dana', match: { ownerEmails: ['dana@example.com'], kinds: ['usage_declining', 'usage_stopped'] } },
  { name: 'renewals', channel: 'webhook', url: 'http://127.0.0.1:1/r', match: { kinds: ['renewal_at_risk'] } },
]);

describe('routing', () => {
  test('an alert goes to the routes whose every condition it meets', () => {
    expect(routesFor(alert, routes).map((route) => route.name)).toEqual(['all', 'dana']);
    expect(routesFor({ ...alert, severity: 'critical', segment: 'smb' }, routes).map((route) => route.name)).toEqual(['all', 'critical-only', 'smb', 'dana']);
  });

  test('an all-clear follows its alert past the severity filter', () => {
    expect(routesFor({ ...alert, severity: 'info', status: 'resolved' }, routes).map((route) => route.name)).toContain('critical-only');
  });

  test('a route filtering by owner skips alerts without an owner', () => {
    const { owner: _owner, ...withoutOwner } = alert;
    expect(routesFor(withoutOwner, routes).map((route) => route.name)).toEqual(['all']);
  });

  test('invalid routes are rejected with the failing field named', () => {
    const result = routesSchema.safeParse([{ name: 'Bad Name', channel: 'email', url: 'ftp://x' }]);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['0.name', '0.channel', '0.url']);
    const duplicate = routesSchema.safeParse([
      { name: 'a', channel: 'slack', url: 'http://x/1' },
      { name: 'a', channel: 'slack', url: 'http://x/2' },
    ]);
    expect(duplicate.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual(['1.name: duplicate route name "a"']);
  });
});
