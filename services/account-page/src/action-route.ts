import type { IncomingMessage } from 'node:http';
import type { MessageId } from '@churnwatch/alert-format';
import type { Logger } from '@churnwatch/telemetry';
import { actionRequestOf } from './action-form.ts';
import type { SendAction } from './actions-client.ts';
import { type CsrfTokens, fromSameSite } from './csrf.ts';
import { withLocale } from './page-locale.ts';

/** `/customers/<customer id>/alerts/<alert id>/actions`: where the action forms post to. */
export const ACTION_PATH = /^\/customers\/([^/]+)\/alerts\/([^/]+)\/actions$/;

/** Forms are small; anything larger is not one of ours. */
const MAX_FORM_BYTES = 16 * 1024;

export interface ActionRouteDeps {
  /** Absent when the page is not set up to send actions. */
  readonly send: SendAction | undefined;
  readonly csrf: CsrfTokens;
  readonly nowMs: () => number;
  readonly logger: Logger;
}

/** Where an action form leads: back to the customer's page (Post/Redirect/Get), or a page saying why not. */
export type ActionOutcome =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'refused'; readonly status: number; readonly message: MessageId; readonly problem?: string; readonly customerId: string };

async function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * One submitted action form, from a user the page has already authenticated: checked for forgery
 * (same-site headers and the form's token, bound to that user), turned into an alert-actions
 * request and sent. On success the browser is sent back to the customer's page, which says the
 * action was recorded; the alert's history shows it once the control event has been stored.
 */
export async function acceptActionForm(request: IncomingMessage, match: RegExpExecArray, user: string, deps: ActionRouteDeps): Promise<ActionOutcome> {
  const customerId = decodeURIComponent(match[1]!);
  const alertId = decodeURIComponent(match[2]!);
  const refused = (status: number, message: MessageId, problem?: string): ActionOutcome => ({
    kind: 'refused',
    status,
    message,
    customerId,
    ...(problem === undefined ? {} : { problem }),
  });
  if (deps.send === undefined) return refused(404, 'page.action.disabled');
  const form = await readForm(request);
  if (form === undefined) return refused(413, 'page.action.refused', 'the form is too large');
  if (!fromSameSite(request.headers) || !deps.csrf.check(user, form.get('csrf'), deps.nowMs())) {
    deps.logger.warn({ customerId, user, origin: request.headers.origin ?? null }, 'action form refused: cross-site or without a valid anti-forgery token');
    return refused(403, 'page.action.expired');
  }
  const parsed = actionRequestOf(form, { customerId, alertId }, user);
  if (!parsed.ok) return refused(400, 'page.action.refused', parsed.problem);
  const sent = await deps.send(parsed.request);
  if (!sent.ok) {
    deps.logger.warn({ customerId, alertId, action: parsed.request.action, problem: sent.problem }, 'action not recorded by the alert-actions API');
    return sent.refused ? refused(400, 'page.action.refused', sent.problem) : refused(503, 'page.action.unavailable');
  }
  deps.logger.info({ customerId, alertId, action: parsed.request.action, user }, 'alert action sent from the account page');
  const lang = form.get('lang');
  const page = new URL(`http://page/?${lang ? `lang=${encodeURIComponent(lang)}` : ''}`);
  const location = withLocale(`/customers/${encodeURIComponent(customerId)}?done=${parsed.request.action}`, page);
  return { kind: 'redirect', location: `${location}#alert-${encodeURIComponent(alertId)}` };
}
