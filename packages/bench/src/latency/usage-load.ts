import type { UsageEventV1 } from '@churnwatch/contracts';

/**
 * The latency benchmark's other background: usage, as most of a live stream is. Sessions of a
 * pool of customers, a few a second each; they move the usage monitor's day counts (and, read as
 * their clock, the other monitors' stream time) but rarely change a signal, so what they cost the
 * trigger's path is the shared machine and the clock, not a queue of health updates.
 */
export function backgroundUsage(i: number, poolSize: number, nowMs: number): UsageEventV1 {
  const customer = i % poolSize;
  return {
    schemaVersion: 1,
    eventId: `bg-usage-${i}`,
    customerId: `bg-cust-${customer}`,
    eventTime: new Date(nowMs).toISOString(),
    metric: 'sessions',
    quantity: 1,
    userId: `bg-cust-${customer}-u${i % 3}`,
    feature: 'search',
  };
}
