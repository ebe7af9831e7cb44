import { createHash } from 'node:crypto';
import { type AlertActionRequest, alertActionRequest } from '@churnwatch/alert-actions/http';
import { describeIssues } from '@churnwatch/contracts';

/** The actions the page offers on an open alert. */
export const pageActions = ['acknowledge', 'snooze', 'assign', 'resolve'] as const;
export type PageAction = (typeof pageActions)[number];

/** How long the page can snooze an alert for: four hours to thirty days. */
export const snoozeChoicesHours = [4, 24, 72, 168, 720] as const;

export function isPageAction(value: string | null): value is PageAction {
  return (pageActions as readonly (string | null)[]).includes(value);
}

export type ActionFormResult = { readonly ok: true; readonly request: AlertActionRequest } | { readonly ok: false; readonly problem: string };

/**
 * The alert-actions API request a submitted form asks for, checked with the API's own schema.
 * `user` (who the page's authentication says is signed in) is who acts; the alert comes from the
 * address. The event id is derived from the form's anti-forgery token and its fields, so a form
 * sent twice (a double click, a resubmitted page) writes one event, which the risk scorer keeps
 * once. Pure.
 */
export function actionRequestOf(form: URLSearchParams, target: { customerId: string; alertId: string }, user: string): ActionFormResult {
  const action = form.get('action');
  if (!isPageAction(action)) return { ok: false, problem: `unknown action ${JSON.stringify(action)}` };
  const snoozeHours = Number(form.get('snoozeHours'));
  if (action === 'snooze' && !(snoozeChoicesHours as readonly number[]).includes(snoozeHours))
    return { ok: false, problem: `snooze for one of ${snoozeChoicesHours.join(', ')} hours` };
  const assignee = (form.get('assignee') ?? '').trim();
  if (action === 'assign' && assignee === '') return { ok: false, problem: 'say whom to assign the alert to' };
  const eventId = `page-${createHash('sha256')
    .update([form.get('csrf'), action, target.alertId, snoozeHours, assignee].join('\n'))
    .digest('base64url')
    .slice(0, 32)}`;
  const candidate = {
    action,
    customerId: target.customerId,
    kind: form.get('kind'),
    alertId: target.alertId,
    ...(action === 'snooze' ? { snoozeForHours: snoozeHours } : {}),
    ...(action === 'assign' ? { assignee: assignee.includes('@') ? { name: assignee, email: assignee } : { name: assignee } } : {}),
    requestedBy: user,
    source: 'account_page',
    eventId,
  };
  const parsed = alertActionRequest.safeParse(candidate);
  return parsed.success ? { ok: true, request: candidate as AlertActionRequest } : { ok: false, problem: describeIssues(parsed.error.issues).message };
}
