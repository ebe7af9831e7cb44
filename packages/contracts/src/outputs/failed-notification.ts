import { z } from 'zod';
import { timestamp } from '../common.ts';

/**
 * Written by the notifier when an alert or a digest could not be delivered over a route, so nothing
 * is dropped silently: an operator can fix the receiver and replay these. Keyed like the record it
 * failed to deliver (the customer id for alerts, the owner for digests).
 */
export const failedNotificationV1 = z
  .object({
    schemaVersion: z.literal(1),
    route: z.string().meta({ description: 'The route name, or `-` when the record was not a valid alert.' }),
    channel: z.string().meta({ description: 'webhook, slack or teams; `-` when no route was tried.' }),
    reason: z.string(),
    attempts: z.number().int(),
    alertEventId: z.string().nullable().meta({ description: 'The life-cycle step (or digest id) that was not delivered; null when unreadable.' }),
    source: z.object({ topic: z.string(), partition: z.number().int(), offset: z.string() }).strict(),
    failedAt: timestamp,
    original: z.string().nullable().meta({ description: 'The record as read, base64 (it may not even be valid JSON).' }),
  })
  .strict()
  .meta({ title: 'FailedNotification', description: 'An alert or digest the notifier gave up delivering over one route.' });
export type FailedNotificationV1 = z.infer<typeof failedNotificationV1>;
