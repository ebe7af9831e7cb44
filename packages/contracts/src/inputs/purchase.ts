import { z } from 'zod';
import { calendarDate, eventEnvelope, identifier, money } from '../common.ts';

export const subscriptionFacts = z
  .object({
    subscriptionId: identifier(),
    plan: z.string().min(1).max(64),
    termMonths: z.number().int().min(1).max(120).meta({ description: 'Contract term: 1 monthly, 12 yearly, …' }),
    renewalDate: calendarDate.meta({ description: 'Date the contract renews or ends.' }),
    autoRenew: z.boolean(),
    recurringRevenue: money.extend({ interval: z.enum(['month', 'year']) }).meta({ description: 'Recurring revenue of the contract per interval.' }),
    status: z.enum(['active', 'cancelled']).default('active').meta({ description: 'cancelled: the customer gave notice; the contract ends at renewalDate.' }),
  })
  .strict();
export type SubscriptionFacts = z.infer<typeof subscriptionFacts>;

export const purchaseEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    ...eventEnvelope,
    orderId: identifier(),
    amount: money,
    subscription: subscriptionFacts.optional(),
  })
  .strict()
  .meta({ title: 'PurchaseEvent', description: 'An order, optionally carrying the subscription or contract it buys or renews.' });
export type PurchaseEventV1 = z.infer<typeof purchaseEventV1>;
