import { z } from 'zod';
import { eventEnvelope, identifier, token } from '../common.ts';

export const usageEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    ...eventEnvelope,
    metric: token.meta({ description: 'What was counted: sessions, active_users, api_calls, minutes, …' }),
    quantity: z.number().finite().nonnegative().max(1e12).meta({ description: 'How much of the metric in this event.' }),
    userId: identifier().optional(),
    feature: z.string().min(1).max(128).optional(),
  })
  .strict()
  .meta({ title: 'UsageEvent', description: 'Product usage by a customer (sessions, active users, API calls, minutes…).' });
export type UsageEventV1 = z.infer<typeof usageEventV1>;
