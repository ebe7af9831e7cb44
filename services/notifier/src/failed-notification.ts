import { z } from 'zod';

/**
 * Written to the failed-notifications topic when an alert could not be delivered over a route, so
 * nothing is dropped silently: an operator can fix the receiver and replay these.
 */
export const failedNotificationV1 = z
  .object({
    schemaVersion: z.literal(1),
    route: z.string(),
    channel: z.string(),
    reason: z.string(),
    attempts: z.number().int(),
    alertEventId: z.string().nullable(),
    source: z.object({ topic: z.string(), partition: z.number().int(), offset: z.string() }).strict(),
    failedAt: z.string(),
    /** The alert record as read, base64 (it may not even be valid JSON). */
    original: z.string().nullable(),
  })
  .strict();
export type FailedNotificationV1 = z.infer<typeof failedNotificationV1>;
