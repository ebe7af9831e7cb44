import { z } from 'zod';
import { calendarDate, customerId, money, timestamp, token } from '../common.ts';
import { alertKinds } from './alert.ts';

export const healthFactors = ['usage_trend', 'complaints', 'purchase_recency', 'renewal', 'nps'] as const;
export type HealthFactor = (typeof healthFactors)[number];

export const customerHealthV1 = z
  .object({
    schemaVersion: z.literal(1),
    customerId,
    asOf: timestamp.meta({ description: 'Event time this score describes.' }),
    score: z.number().min(0).max(100).meta({ description: '0 (lost) to 100 (healthy).' }),
    band: z.enum(['healthy', 'watch', 'at_risk', 'critical']),
    factors: z
      .array(
        z
          .object({
            factor: z.enum(healthFactors),
            weight: z.number().min(0).meta({ description: 'Configured weight (weights of present factors are renormalised).' }),
            value: z.number().min(0).max(1).meta({ description: 'Factor health, 0 bad to 1 good.' }),
            points: z.number().meta({ description: 'Contribution to the score, in score points.' }),
            detail: z.string().meta({ description: 'Why the factor has this value.' }),
          })
          .strict(),
      )
      .meta({ description: 'Every factor with its contribution, so the score explains itself.' }),
    openAlerts: z.array(z.enum(alertKinds)),
    segment: token,
    renewalDate: calendarDate.optional(),
    recurringRevenue: money.extend({ interval: z.enum(['month', 'year']) }).optional(),
  })
  .strict()
  .meta({ title: 'CustomerHealth', description: 'Latest health of a customer; a compacted table keyed by customer id.' });
export type CustomerHealthV1 = z.infer<typeof customerHealthV1>;
