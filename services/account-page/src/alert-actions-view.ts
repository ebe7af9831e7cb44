import type { MessageId, Translator } from '@churnwatch/alert-format';
import type { ActionRow, AlertRow } from './account-queries.ts';
import { snoozeChoicesHours } from './action-form.ts';
import { type Html, html } from './html.ts';

/** What the action forms need: the anti-forgery token of this page view, and the signed-in user. */
export interface ActionForms {
  readonly csrfToken: string;
  readonly user: string;
}

/** The actions that belong to an alert: aimed at it, or at its kind while it was the open alert. */
export function actionsOf(alert: AlertRow, actions: readonly ActionRow[]): ActionRow[] {
  return actions.filter(
    (action) => action.alert_id === alert.alert_id || (action.alert_id === null && action.kind === alert.kind && action.event_time >= alert.opened_at),
  );
}

function entryText(action: ActionRow, tr: Translator): string {
  const by = action.requested_by ?? '?';
  const what = tr.text(`history.${action.action}` as MessageId, {
    by,
    until: action.until === null ? '—' : tr.dateTime(action.until.toISOString()),
    assignee: action.assignee ?? '?',
  });
  return action.source === null ? what : `${what} ${tr.text('history.source', { source: action.source })}`;
}

/** An alert's history: who did what and when, oldest first, in the reader's language. Pure. */
export function historyView(actions: readonly ActionRow[], tr: Translator): Html {
  if (actions.length === 0) return html`<p class="history-none">${tr.text('history.none')}</p>`;
  return html`<ol class="history">${actions.map(
    (action) =>
      html`<li data-action="${action.action}"><time datetime="${action.event_time.toISOString()}">${tr.dateTime(action.event_time.toISOString())}</time>: ${entryText(action, tr)}</li>`,
  )}</ol>`;
}

/**
 * The buttons under an open alert: acknowledge, snooze for a chosen time, assign, resolve. Each is
 * a small POST form carrying the page's anti-forgery token; the page turns it into an
 * alert-actions API request. Pure.
 */
export function actionFormsView(customerId: string, alert: AlertRow, forms: ActionForms, tr: Translator): Html {
  const target = `/customers/${encodeURIComponent(customerId)}/alerts/${encodeURIComponent(alert.alert_id)}/actions`;
  const form = (action: string, label: MessageId, fields: Html = html``) =>
    html`<form class="action" method="post" action="${target}"><input type="hidden" name="csrf" value="${forms.csrfToken}"><input type="hidden" name="kind" value="${alert.kind}"><input type="hidden" name="lang" value="${tr.locale}">${fields}<button type="submit" name="action" value="${action}">${tr.text(label)}</button></form>`;
  const choice = (hours: number) =>
    html`<option value="${hours}"${hours === 168 ? { html: ' selected' } : ''}>${hours < 24 ? tr.text('page.action.hours', { hours }) : tr.text('page.action.days', { days: hours / 24 })}</option>`;
  return html`<div class="actions">${form('acknowledge', 'button.acknowledge')}${form(
    'snooze',
    'button.snooze',
    html`<label>${tr.text('page.action.for')} <select name="snoozeHours">${snoozeChoicesHours.map(choice)}</select></label>`,
  )}${form(
    'assign',
    'button.assign',
    html`<label>${tr.text('page.action.assignee')} <input name="assignee" required maxlength="128" value="${forms.user}"></label>`,
  )}${form('resolve', 'button.resolve')}</div>`;
}
