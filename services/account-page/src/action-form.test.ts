import { alertActionRequest } from '@churnwatch/alert-actions/http';
import { describe, expect, it } from 'vitest';
import { actionRequestOf } from './action-form.ts';

const target = { customerId: 'cust-ada', alertId: 'alert-1' };
const form = (fields: Record<string, string>) => new URLSearchParams({ csrf: 'token-1', kind: 'usage_declining', ...fields });

describe('action forms', () => {
  it('turns each button into the alert-actions request the API takes, from the account page, by the signed-in user', () => {
    const requests = [
      actionRequestOf(form({ action: 'acknowledge' }), target, 'dana@example.com'),
      actionRequestOf(form({ action: 'snooze', snoozeHours: '72' }), target, 'dana@example.com'),
      actionRequestOf(form({ action: 'assign', assignee: 'elin@example.com' }), target, 'dana@example.com'),
      actionRequestOf(form({ action: 'resolve' }), target, 'dana@example.com'),
    ];
    for (const result of requests) {
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(alertActionRequest.safeParse(result.request).success).toBe(true);
      expect(result.request).toMatchObject({ ...target, kind: 'usage_declining', requestedBy: 'dana@example.com', source: 'account_page' });
    }
    expect(requests[1]).toMatchObject({ request: { action: 'snooze', snoozeForHours: 72 } });
    expect(requests[2]).toMatchObject({ request: { action: 'assign', assignee: { name: 'elin@example.com', email: 'elin@example.com' } } });
  });

  it('writes one event for a form sent twice, and another for another form', () => {
    const id = (fields: Record<string, string>) => {
      const result = actionRequestOf(form(fields), target, 'dana');
      return result.ok ? result.request.eventId : undefined;
    };
    expect(id({ action: 'acknowledge' })).toBe(id({ action: 'acknowledge' }));
    expect(id({ action: 'acknowledge' })).not.toBe(id({ action: 'resolve' }));
    expect(id({ action: 'snooze', snoozeHours: '24' })).not.toBe(id({ action: 'snooze', snoozeHours: '72' }));
    expect(id({ action: 'acknowledge', csrf: 'token-2' })).not.toBe(id({ action: 'acknowledge' }));
  });

  it('says what is wrong with a form it cannot send', () => {
    expect(actionRequestOf(form({ action: 'delete' }), target, 'dana')).toEqual({ ok: false, problem: 'unknown action "delete"' });
    expect(actionRequestOf(form({ action: 'snooze', snoozeHours: '100000' }), target, 'dana')).toEqual({
      ok: false,
      problem: 'snooze for one of 4, 24, 72, 168, 720 hours',
    });
    expect(actionRequestOf(form({ action: 'assign', assignee: ' ' }), target, 'dana')).toEqual({ ok: false, problem: 'say whom to assign the alert to' });
    expect(actionRequestOf(form({ action: 'acknowledge', kind: 'weather' }), target, 'dana')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('kind'),
    });
  });
});
