import { createInputDecoder, type InputDecoder, topicContracts } from '@churnwatch/contracts';
import { retentionKpisContract } from '@churnwatch/detection';
import type { AccountInput } from './row-change.ts';

const contracts = {
  customerProfiles: topicContracts.customerProfiles,
  customerHealth: topicContracts.customerHealth,
  alerts: topicContracts.alerts,
  retentionKpis: retentionKpisContract,
  control: topicContracts.control,
} as const;

// The store keeps history: an old alert step or KPI period is as welcome as today's, and a
// clock ahead of ours is the producer's business, so event times are not bounded here.
const UNBOUNDED = { maxFutureMs: Number.POSITIVE_INFINITY, maxPastMs: Number.POSITIVE_INFINITY };

/** One decoder per input, from its contract; bad records come back as dead letters naming the store. */
export function createAccountDecoders(maxValueBytes: number, now: () => number): Record<AccountInput, InputDecoder> {
  const decoder = (input: AccountInput) =>
    createInputDecoder({ contract: contracts[input], consumer: 'account-store', maxValueBytes, eventTimeBounds: UNBOUNDED, now });
  return {
    customerProfiles: decoder('customerProfiles'),
    customerHealth: decoder('customerHealth'),
    alerts: decoder('alerts'),
    retentionKpis: decoder('retentionKpis'),
    control: decoder('control'),
  };
}
