import type { UsageEventV1 } from '@churnwatch/contracts';

export const DAY_MS = 86_400_000;

/** A `sessions` usage event of `customerId` at 10:00 UTC on day number `day` (days since the epoch). */
export function usageEvent(customerId: string, day: number, quantity: number): UsageEventV1 {
  return {
    schemaVersion: 1,
    eventId: `${customerId}-${day}`,
    customerId,
    eventTime: new Date(day * DAY_MS + 10 * 3_600_000).toISOString(),
    metric: 'sessions',
    quantity,
  };
}
