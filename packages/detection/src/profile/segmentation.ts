import type { CustomerProfileV1 } from '@churnwatch/contracts';
import type { CustomerSegmentation } from '../config/resolve.ts';

/**
 * The part of a customer profile that thresholds depend on, as kept in a monitor's state (a
 * monitor joins the customer-profile table to pick its thresholds). A tombstone (null) forgets
 * it: the customer falls back to the default segment. Pure.
 */
export function segmentationOf(profile: CustomerProfileV1 | null): CustomerSegmentation | null {
  if (profile === null) return null;
  return profile.plan === undefined ? { segment: profile.segment } : { segment: profile.segment, plan: profile.plan };
}

/**
 * "Now" for a customer-profile row. Profiles are a table: their rows do not move stream time (see
 * the runtime's `tableInputs`), so a row is judged at the current stream time, or at its own time
 * when it comes before any event of the partition.
 */
export function profileRowTimeMs(record: { readonly eventTimeMs: number; readonly streamTimeMs: number }): number {
  return Number.isFinite(record.streamTimeMs) ? record.streamTimeMs : record.eventTimeMs;
}
