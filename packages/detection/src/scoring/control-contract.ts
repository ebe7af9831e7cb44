import { alertKinds, customerId, eventId, type TopicContract, timestamp } from '@churnwatch/contracts';
import { z } from 'zod';

/**
 * A control event from people or tools: snooze one alert kind of one customer until a time, or
 * lift a snooze. While snoozed, the kind neither opens, escalates nor updates; an all-clear is
 * still sent. When the snooze ends, the risk scorer looks again and opens or escalates what is
 * still true.
 */
export const controlEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId,
    customerId,
    eventTime: timestamp,
    action: z.enum(['snooze', 'unsnooze']),
    kind: z.enum(alertKinds),
    until: timestamp.optional().meta({ description: 'End of the snooze; required for `snooze`.' }),
    reason: z.string().max(500).optional(),
    requestedBy: z.string().min(1).max(128).optional(),
  })
  .strict()
  .refine((event) => event.action !== 'snooze' || event.until !== undefined, { message: 'a snooze needs `until`', path: ['until'] })
  .meta({ title: 'AlertControl', description: 'Snoozes or un-snoozes one alert kind of one customer.' });
export type ControlEventV1 = z.infer<typeof controlEventV1>;

export const controlContract: TopicContract<{ 1: typeof controlEventV1 }> = {
  name: 'control',
  defaultTopic: 'churnwatch.control',
  shape: 'event',
  direction: 'input',
  description: 'Snooze and un-snooze requests for alert kinds, keyed by customer id.',
  versions: { 1: controlEventV1 },
};
