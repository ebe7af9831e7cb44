import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlFromApi } from '@churnwatch/alert-actions/http';
import { alertControlV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { parseAlertsCommand } from './alerts-args.ts';

const env = { USER: 'dana' };

describe('./churnwatch alerts', () => {
  it('snoozes for a chosen time, straight to the control topic, as the user running it', () => {
    const parsed = parseAlertsCommand(['snooze', 'cust-0042', 'usage_declining', '--for', '3d', '--brokers', 'localhost:9092'], env);
    expect(parsed).toEqual({
      ok: true,
      request: { action: 'snooze', customerId: 'cust-0042', kind: 'usage_declining', requestedBy: 'dana', source: 'cli', snoozeForHours: 72 },
      target: { kind: 'kafka', brokers: ['localhost:9092'], topic: 'churnwatch.control' },
    });
    const control = parsed.ok ? controlFromApi(parsed.request, Date.parse('2026-12-10T09:00:00Z')) : undefined;
    expect(control?.ok && alertControlV1.parse(control.event).until).toBe('2026-12-13T09:00:00.000Z');
  });

  it('acknowledges, assigns and resolves through the API with the token from a file', () => {
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'churnwatch-alerts-')), 'token');
    writeFileSync(tokenFile, 'secret-token\n');
    const api = ['--api', 'http://127.0.0.1:8087', '--token-file', tokenFile, '--by', 'elin@example.com', '--alert', 'alert-1'];
    const ack = parseAlertsCommand(['ack', 'c1', 'usage_stopped', ...api], {});
    expect(ack.ok && [ack.request.action, ack.request.alertId, ack.request.requestedBy, ack.target]).toEqual([
      'acknowledge',
      'alert-1',
      'elin@example.com',
      { kind: 'api', url: 'http://127.0.0.1:8087', token: 'secret-token' },
    ]);
    const assign = parseAlertsCommand(['assign', 'c1', 'usage_stopped', '--to', 'Jo', '--email', 'jo@example.com', ...api], {});
    expect(assign.ok && assign.request.assignee).toEqual({ name: 'Jo', email: 'jo@example.com' });
    const resolve = parseAlertsCommand(['resolve', 'c1', 'usage_stopped', ...api], {});
    expect(resolve.ok && resolve.request.action).toBe('resolve');
  });

  it('says what is missing or wrong', () => {
    const problem = (args: string[], environment: Record<string, string> = env) => {
      const parsed = parseAlertsCommand(args, environment);
      return parsed.ok ? 'ok' : parsed.problem;
    };
    expect(problem(['mute', 'c1', 'usage_stopped', '--brokers', 'b:1'])).toMatch(/^the first word must be one of ack, snooze/);
    expect(problem(['ack', 'c1', '--brokers', 'b:1'])).toBe('name the customer id and the alert kind');
    expect(problem(['snooze', 'c1', 'usage_stopped', '--for', 'a week', '--brokers', 'b:1'])).toMatch(/^--for: expected a duration/);
    expect(problem(['ack', 'c1', 'usage_stopped'])).toBe('give exactly one of --api URL and --brokers host:port');
    expect(problem(['ack', 'c1', 'usage_stopped', '--api', 'http://x'], { USER: 'dana' })).toMatch(/needs a token/);
    expect(problem(['ack', 'c1', 'usage_stopped', '--brokers', 'b:1'], {})).toBe('--by: say who acts');
    expect(problem(['ack', 'c1', 'usage_stopped', '--api', 'http://x'], { USER: 'dana', CHURNWATCH_ALERT_ACTIONS_TOKEN: 't' })).toBe('ok');
  });
});
