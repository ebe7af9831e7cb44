import { z } from 'zod';
import { customerId, locale, money, timestamp, token } from '../common.ts';

export const customerProfileV1 = z
  .object({
    schemaVersion: z.literal(1),
    customerId,
    updatedAt: timestamp,
    name: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .meta({ description: "The customer's display name, shown beside the id in alerts; free text, escaped for each channel." }),
    owner: z
      .object({
        name: z.string().min(1).max(128),
        email: z.email().optional(),
        slackHandle: z.string().min(1).max(64).optional(),
        locale: locale.optional().meta({ description: "The owner's language for alerts (en or de); English when absent." }),
      })
      .strict()
      .optional()
      .meta({ description: 'The customer-success manager who owns the account.' }),
    segment: token.meta({ description: 'Segment used for thresholds, KPIs and routing, e.g. enterprise, smb.' }),
    plan: z.string().min(1).max(64).optional(),
    contractValue: money.optional().meta({ description: 'Annual contract value.' }),
  })
  .strict()
  .meta({ title: 'CustomerProfile', description: 'Latest CRM facts about a customer; a compacted table keyed by customer id (null value deletes).' });
export type CustomerProfileV1 = z.infer<typeof customerProfileV1>;
