import { z } from 'zod';
import { customerId, eventId, timestamp } from '../common.ts';
import { alertKinds } from '../outputs/alert.ts';

/** What a person or tool does to an alert. `snooze` and `unsnooze` were the first two; the rest were added compatibly. */
export const alertActions = ['snooze', 'unsnooze', 'acknowledge', 'assign', 'resolve'] as const;
export type AlertAction = (typeof alertActions)[number];

/** Where an action was taken, for the alert's history. */
export const actionSources = ['api', 'slack', 'teams', 'cli', 'account_page', 'other'] as const;

/**
 * A control event, keyed by customer id: one action on one alert kind of one customer.
 * - `snooze` until a time: the kind neither opens, escalates nor updates until then (an all-clear is
 *   still sent); when it ends the risk scorer looks again and opens or escalates what is still true.
 * - `unsnooze` lifts a snooze; `acknowledge` and `assign` are recorded in the alert's history and
 *   carried on its next steps; `resolve` closes the open alert by hand (the kind's cooldown follows).
 * Every action is kept in the alert's history with `requestedBy` and `eventTime`.
 */
export const alertControlV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId,
    customerId,
    eventTime: timestamp.meta({ description: 'When the action was taken.' }),
    action: z.enum(alertActions),
    kind: z.enum(alertKinds),
    alertId: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .meta({ description: 'The alert acted on. When it is no longer the open alert of the kind, the action is recorded but changes nothing.' }),
    until: timestamp.optional().meta({ description: 'End of the snooze; required for `snooze`.' }),
    assignee: z
      .object({ name: z.string().min(1).max(128), email: z.email().optional(), slackId: z.string().max(64).optional() })
      .strict()
      .optional()
      .meta({ description: 'Who takes the alert over; required for `assign`.' }),
    reason: z.string().max(500).optional(),
    requestedBy: z.string().min(1).max(128).optional().meta({ description: 'Who acted (e-mail, Slack member id or user name).' }),
    source: z.enum(actionSources).optional().meta({ description: 'Where the action was taken.' }),
  })
  .strict()
  .refine((event) => event.action !== 'snooze' || event.until !== undefined, { message: 'a snooze needs `until`', path: ['until'] })
  .refine((event) => event.action !== 'assign' || event.assignee !== undefined, { message: 'an assignment needs `assignee`', path: ['assignee'] })
  .meta({ title: 'AlertControl', description: 'An action on one alert kind of one customer: snooze, unsnooze, acknowledge, assign or resolve.' });
export type AlertControlV1 = z.infer<typeof alertControlV1>;
