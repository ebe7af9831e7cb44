import type { SubscriptionFacts } from '@churnwatch/contracts';
import { centsOf } from '../money.ts';
import { dayIndexOfDate, dayStartMs, MS_PER_DAY } from '../time/days.ts';
import { addMonths } from '../time/months.ts';

/**
 * What the contract monitor knows of one subscription. Plain JSON.
 * `status`: `active`; `cancelled` (notice given, runs until the renewal date); `ended`.
 */
export interface Subscription {
  readonly subscriptionId: string;
  readonly plan: string;
  readonly termMonths: number;
  readonly renewalDate: string;
  readonly autoRenew: boolean;
  /**
   * Auto-renew was on and has been switched off for the coming renewal: a decision not to renew
   * automatically. Absent or false with auto-renew off: a manual renewal (auto-renew never seen on
   * for this term), which renews by a new order on the renewal date.
   */
  readonly autoRenewSwitchedOff?: boolean;
  readonly status: 'active' | 'cancelled' | 'ended';
  /** Recurring revenue per month, in cents of `currency`. */
  readonly monthlyRevenueCents: number;
  readonly currency: string;
  /** Event time of the facts this is built from; older facts are stale and ignored. */
  readonly updatedAtMs: number;
  /** When the current renewal date first became known (seeds the notice's id). */
  readonly renewalKnownSinceMs: number;
}

/** At most this many subscriptions per customer are kept; ended ones go first. */
export const MAX_SUBSCRIPTIONS = 20;

export function renewalMsOf(subscription: Subscription): number {
  return dayStartMs(dayIndexOfDate(subscription.renewalDate));
}

function monthlyCentsOf(facts: SubscriptionFacts): number {
  const cents = centsOf(facts.recurringRevenue.amount);
  return facts.recurringRevenue.interval === 'year' ? Math.round(cents / 12) : cents;
}

/** Applies subscription facts seen at `eventTimeMs`; facts older than what is known are ignored. Pure. */
export function applySubscriptionFacts(
  subscriptions: Readonly<Record<string, Subscription>>,
  facts: SubscriptionFacts,
  eventTimeMs: number,
): Record<string, Subscription> {
  const known = Object.hasOwn(subscriptions, facts.subscriptionId) ? subscriptions[facts.subscriptionId] : undefined;
  if (known !== undefined && known.updatedAtMs > eventTimeMs) return { ...subscriptions };
  const subscription: Subscription = {
    subscriptionId: facts.subscriptionId,
    plan: facts.plan,
    termMonths: facts.termMonths,
    renewalDate: facts.renewalDate,
    autoRenew: facts.autoRenew,
    autoRenewSwitchedOff: switchedOff(known, facts),
    status: facts.status,
    monthlyRevenueCents: monthlyCentsOf(facts),
    currency: facts.recurringRevenue.currency,
    updatedAtMs: eventTimeMs,
    renewalKnownSinceMs: known !== undefined && known.renewalDate === facts.renewalDate ? known.renewalKnownSinceMs : eventTimeMs,
  };
  const updated = { ...subscriptions, [facts.subscriptionId]: subscription };
  const ids = Object.keys(updated);
  if (ids.length <= MAX_SUBSCRIPTIONS) return updated;
  const oldestFirst = ids.sort((a, b) => rankForEviction(updated[a] as Subscription) - rankForEviction(updated[b] as Subscription));
  for (const id of oldestFirst.slice(0, ids.length - MAX_SUBSCRIPTIONS)) delete updated[id];
  return updated;
}

/**
 * Auto-renew off after it was seen on, kept while the renewal date stays; a renewal by order
 * (a new renewal date) makes the customer a manual renewer. Facts first seen with auto-renew off
 * cannot tell a switch from a manual renewal: they count as manual.
 */
function switchedOff(known: Subscription | undefined, facts: SubscriptionFacts): boolean {
  if (facts.autoRenew || known === undefined) return false;
  return known.autoRenew || (known.autoRenewSwitchedOff === true && known.renewalDate === facts.renewalDate);
}

function rankForEviction(subscription: Subscription): number {
  return (subscription.status === 'ended' ? 0 : 1e15) + subscription.updatedAtMs;
}

/**
 * Moves every subscription past its renewal date plus `graceDays` on: with auto-renew on and no
 * notice it is taken as renewed for another term (a renewal order usually confirms it earlier);
 * otherwise it has ended. Pure.
 */
export function rollSubscriptions(subscriptions: Readonly<Record<string, Subscription>>, nowMs: number, graceDays: number): Record<string, Subscription> {
  const rolled: Record<string, Subscription> = {};
  for (const [id, subscription] of Object.entries(subscriptions)) {
    let current = subscription;
    while (current.status !== 'ended' && renewalMsOf(current) + graceDays * MS_PER_DAY <= nowMs) {
      const renewedAtMs = renewalMsOf(current) + graceDays * MS_PER_DAY;
      current =
        current.status === 'active' && current.autoRenew
          ? { ...current, renewalDate: addMonths(current.renewalDate, current.termMonths), renewalKnownSinceMs: renewedAtMs }
          : { ...current, status: 'ended' };
    }
    rolled[id] = current;
  }
  return rolled;
}
