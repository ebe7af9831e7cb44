import type { ComplaintEventV1, CustomerProfileV1, FeedbackEventV1, PurchaseEventV1, SubscriptionFacts, UsageEventV1 } from '@churnwatch/contracts';
import type { FedRecord } from './drive.ts';

/** Shared builders of input records for the detection tests. Times are UTC. */
export const DAY_MS = 86_400_000;

/** ms of an ISO date (YYYY-MM-DD) at `hour`:00 UTC. */
export function at(date: string, hour = 0): number {
  return Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
}

/** The ISO date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(at(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function usage(customerId: string, eventTimeMs: number, quantity: number, metric = 'sessions'): FedRecord {
  const value: UsageEventV1 = {
    schemaVersion: 1,
    eventId: `u-${customerId}-${eventTimeMs}-${metric}`,
    customerId,
    eventTime: new Date(eventTimeMs).toISOString(),
    metric,
    quantity,
  };
  return { input: 'usage', key: customerId, value, eventTimeMs };
}

/** One usage event a day at 10:00 from `fromDate`, with the quantity `perDay(dayOffset, weekday)` (0 = Sunday); days with 0 send nothing. */
export function dailyUsage(customerId: string, fromDate: string, days: number, perDay: (dayOffset: number, weekday: number) => number): FedRecord[] {
  const records: FedRecord[] = [];
  for (let offset = 0; offset < days; offset++) {
    const timeMs = at(fromDate, 10) + offset * DAY_MS;
    const quantity = perDay(offset, new Date(timeMs).getUTCDay());
    if (quantity > 0) records.push(usage(customerId, timeMs, quantity));
  }
  return records;
}

export function profile(
  customerId: string,
  fields: Partial<Omit<CustomerProfileV1, 'schemaVersion' | 'customerId'>> = {},
  eventTimeMs = at('2026-01-01'),
): FedRecord {
  const value: CustomerProfileV1 = { schemaVersion: 1, customerId, updatedAt: new Date(eventTimeMs).toISOString(), segment: 'default', ...fields };
  return { input: 'customerProfiles', key: customerId, value, eventTimeMs };
}

export function profileDeleted(customerId: string, eventTimeMs: number): FedRecord {
  return { input: 'customerProfiles', key: customerId, value: null, eventTimeMs };
}

export function purchase(customerId: string, eventTimeMs: number, amount: string, subscription?: Partial<SubscriptionFacts>, orderId?: string): FedRecord {
  const value: PurchaseEventV1 = {
    schemaVersion: 1,
    eventId: `p-${customerId}-${eventTimeMs}`,
    customerId,
    eventTime: new Date(eventTimeMs).toISOString(),
    orderId: orderId ?? `o-${customerId}-${eventTimeMs}`,
    amount: { amount, currency: 'EUR' },
    ...(subscription === undefined
      ? {}
      : {
          subscription: {
            subscriptionId: 'sub-1',
            plan: 'pro',
            termMonths: 12,
            renewalDate: '2026-12-31',
            autoRenew: true,
            recurringRevenue: { amount: '1000.00', currency: 'EUR', interval: 'month' },
            status: 'active',
            ...subscription,
          },
        }),
  };
  return { input: 'purchases', key: customerId, value, eventTimeMs };
}

export function complaint(
  customerId: string,
  eventTimeMs: number,
  complaintId: string,
  status: ComplaintEventV1['status'],
  severity: ComplaintEventV1['severity'] = 'medium',
  category?: string,
): FedRecord {
  const value: ComplaintEventV1 = {
    schemaVersion: 1,
    eventId: `c-${complaintId}-${status}-${eventTimeMs}`,
    customerId,
    eventTime: new Date(eventTimeMs).toISOString(),
    complaintId,
    status,
    severity,
    channel: 'email',
    ...(category === undefined ? {} : { category }),
  };
  return { input: 'complaints', key: customerId, value, eventTimeMs };
}

export function feedback(customerId: string, eventTimeMs: number, score: number): FedRecord {
  const value: FeedbackEventV1 = {
    schemaVersion: 1,
    eventId: `f-${customerId}-${eventTimeMs}`,
    customerId,
    eventTime: new Date(eventTimeMs).toISOString(),
    score,
  };
  return { input: 'feedback', key: customerId, value, eventTimeMs };
}
