import { type AlertControlV1, alertKinds } from '@churnwatch/contracts';
import { z } from 'zod';

/** The action ids of the buttons on an alert's Slack message (see @churnwatch/alert-format). */
export const slackActionIds = { acknowledge: 'churnwatch_acknowledge', snooze: 'churnwatch_snooze', assignToMe: 'churnwatch_assign_me' } as const;

/** The button's value: which alert it belongs to. */
const buttonValue = z.object({ alertId: z.string().min(1), customerId: z.string().min(1), kind: z.enum(alertKinds) }).strict();

/** The part of Slack's `block_actions` payload we read. */
const blockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string() })).min(1),
});

export type SlackInteraction = { readonly ok: true; readonly event: AlertControlV1 } | { readonly ok: false; readonly problem: string };

/**
 * Turns a verified interactive request (form field `payload`, JSON) into the control event its
 * button asks for. `nowMs` is when the request arrived; the event id comes from Slack's action
 * timestamp and the user, so a request Slack retries writes the same event again, which the risk
 * scorer drops as a repeat. Pure.
 */
export function controlFromSlack(rawBody: string, nowMs: number, snoozeSeconds: number): SlackInteraction {
  let json: unknown;
  try {
    json = JSON.parse(new URLSearchParams(rawBody).get('payload') ?? '');
  } catch {
    return { ok: false, problem: 'no JSON `payload` form field' };
  }
  const payload = blockActions.safeParse(json);
  if (!payload.success) return { ok: false, problem: `not a block_actions payload (${payload.error.issues[0]?.message})` };
  const { user, actions } = payload.data;
  const action = actions[0]!;
  let target: z.infer<typeof buttonValue>;
  try {
    const parsed = buttonValue.safeParse(JSON.parse(Buffer.from(action.value ?? '', 'base64url').toString('utf8')));
    if (!parsed.success) return { ok: false, problem: 'the button value names no alert' };
    target = parsed.data;
  } catch {
    return { ok: false, problem: 'the button value is not JSON' };
  }
  const base = {
    schemaVersion: 1 as const,
    eventId: `slack-${user.id}-${action.action_ts}`,
    customerId: target.customerId,
    eventTime: new Date(nowMs).toISOString(),
    kind: target.kind,
    alertId: target.alertId,
    requestedBy: user.id,
    source: 'slack' as const,
  };
  switch (action.action_id) {
    case slackActionIds.acknowledge:
      return { ok: true, event: { ...base, action: 'acknowledge' } };
    case slackActionIds.snooze:
      return { ok: true, event: { ...base, action: 'snooze', until: new Date(nowMs + snoozeSeconds * 1000).toISOString() } };
    case slackActionIds.assignToMe:
      return { ok: true, event: { ...base, action: 'assign', assignee: { name: user.name ?? user.username ?? user.id, slackId: user.id } } };
    default:
      return { ok: false, problem: `unknown action ${action.action_id}` };
  }
}
