import { randomUUID } from 'node:crypto';
import { type AlertControlV1, alertControlV1, alertKinds, describeIssues } from '@churnwatch/contracts';
import { z } from 'zod';

/**
 * The body of `POST /v1/alert-actions`: what to do to which alert, and who does it. A snooze takes
 * `until` (a time) or `snoozeForHours`. `eventId` may be given as an idempotency key: a request
 * sent twice then writes the same event, which the risk scorer drops as a repeat.
 */
export const alertActionRequest = z
  .object({
    action: z.enum(['acknowledge', 'snooze', 'unsnooze', 'assign', 'resolve']),
    customerId: z.string().min(1).max(128),
    kind: z.enum(alertKinds),
    alertId: z.string().min(1).max(128).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    snoozeForHours: z
      .number()
      .positive()
      .max(24 * 365)
      .optional(),
    assignee: z
      .object({ name: z.string().min(1).max(128), email: z.email().optional(), slackId: z.string().max(64).optional() })
      .strict()
      .optional(),
    reason: z.string().max(500).optional(),
    requestedBy: z.string().min(1).max(128),
    source: z.enum(['api', 'cli', 'account_page', 'teams', 'other']).default('api'),
    eventId: z.string().min(1).max(128).optional(),
  })
  .strict()
  .refine((request) => request.action !== 'snooze' || (request.until === undefined) !== (request.snoozeForHours === undefined), {
    message: 'a snooze needs exactly one of `until` and `snoozeForHours`',
    path: ['until'],
  });
export type AlertActionRequest = z.input<typeof alertActionRequest>;

/** The control event an API request asks for, or what is wrong with it. `nowMs` is the arrival time. */
export function controlFromApi(body: unknown, nowMs: number): { ok: true; event: AlertControlV1 } | { ok: false; problem: string } {
  const parsed = alertActionRequest.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error.issues).message };
  const { snoozeForHours, eventId, ...request } = parsed.data;
  const until = snoozeForHours === undefined ? request.until : new Date(nowMs + snoozeForHours * 3_600_000).toISOString();
  const candidate = {
    schemaVersion: 1,
    eventId: eventId ?? `api-${randomUUID()}`,
    eventTime: new Date(nowMs).toISOString(),
    ...request,
    ...(until === undefined ? {} : { until }),
  };
  const event = alertControlV1.safeParse(candidate);
  return event.success ? { ok: true, event: event.data } : { ok: false, problem: describeIssues(event.error.issues).message };
}
