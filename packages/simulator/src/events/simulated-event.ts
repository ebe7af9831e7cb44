import type { ComplaintEventV1, CustomerProfileV1, FeedbackEventV1, PurchaseEventV1, UsageEventV1 } from '@churnwatch/contracts';

/**
 * The event kinds the simulator writes, in their tie-break order: at the same instant a profile
 * comes first, usage last.
 */
export const eventKinds = ['customer_profile', 'purchase', 'complaint', 'feedback', 'usage'] as const;
export type EventKind = (typeof eventKinds)[number];

/** The value each kind carries: exactly its topic contract's latest version. */
export interface EventValues {
  readonly customer_profile: CustomerProfileV1;
  readonly purchase: PurchaseEventV1;
  readonly complaint: ComplaintEventV1;
  readonly feedback: FeedbackEventV1;
  readonly usage: UsageEventV1;
}

/** One generated input event. `timeMs` is its event time (ms since the epoch), the merge key. */
export type SimulatedEvent = { [K in EventKind]: { readonly kind: K; readonly timeMs: number; readonly value: EventValues[K] } }[EventKind];

export const kindRank: Readonly<Record<EventKind, number>> = { customer_profile: 0, purchase: 1, complaint: 2, feedback: 3, usage: 4 };

/** Time order; at the same instant, by kind (see `eventKinds`). Stable sorts keep the rest. */
export function compareEvents(a: { readonly timeMs: number; readonly kind: EventKind }, b: { readonly timeMs: number; readonly kind: EventKind }): number {
  return a.timeMs - b.timeMs || kindRank[a.kind] - kindRank[b.kind];
}
