import { intBetween, uniform } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { BuyerTerms } from './buyer-terms.ts';
import type { ContractTerms } from './contract-terms.ts';
import type { ChurnReason, Decline } from './customer-plan.ts';

/**
 * A customer's story in simulated days: what happens to it and when. Cohort modules write stories;
 * the event builders turn them into events. Invariant: nothing happens on or after `endDay`.
 */
export interface Story {
  /** Null for customers that never use the product. */
  readonly usage: { readonly decline: Decline | null; readonly stopDay: number | null; readonly seasonal: boolean } | null;
  readonly contract: ContractTerms | null;
  readonly buyer: BuyerTerms | null;
  /** First days of complaint bursts (empty: background complaints only). */
  readonly complaintBurstDays: readonly number[];
  /** Bursts of a customer that leaves get fewer resolutions. */
  readonly complaintsChurning: boolean;
  readonly churnDay: number | null;
  readonly churnReason: ChurnReason | null;
  readonly problemStartDay: number | null;
  /** First day on which the customer no longer does anything; lastDay + 1 when it stays. */
  readonly endDay: number;
}

export function storyDefaults(lastDay: number): Story {
  return {
    usage: { decline: null, stopDay: null, seasonal: false },
    contract: null,
    buyer: null,
    complaintBurstDays: [],
    complaintsChurning: false,
    churnDay: null,
    churnReason: null,
    problemStartDay: null,
    endDay: lastDay + 1,
  };
}

/** A day in [from, to]; when the range is empty (a short run), `to` wins, then never below 0. */
export function dayBetween(rng: Prng, from: number, to: number): number {
  return Math.max(0, from <= to ? intBetween(rng, from, to) : to);
}

/** Start days of complaint bursts inside [from, to], in order. */
export function drawBurstDays(rng: Prng, [minBursts, maxBursts]: readonly [number, number], from: number, to: number): number[] {
  const count = intBetween(rng, minBursts, maxBursts);
  return Array.from({ length: count }, () => dayBetween(rng, from, to)).sort((a, b) => a - b);
}

export function drawDecline(rng: Prng, startDay: number, endDay: number, floorFactor: number): Decline {
  return { startDay, endDay: Math.max(startDay + 1, endDay), floorFactor, curvature: rng.next() < 0.5 ? 1 : 2 };
}

export function drawFactor(rng: Prng, [low, high]: readonly [number, number]): number {
  return uniform(rng, low, high);
}

export function earliest(...days: readonly (number | null)[]): number | null {
  const present = days.filter((day): day is number => day !== null);
  return present.length ? Math.min(...present) : null;
}
