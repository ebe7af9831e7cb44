import { dayIndexOf, MS_PER_DAY } from '../time/days.ts';

/**
 * What the purchase monitor knows of a customer's purchases. Plain JSON; pure functions.
 * Purchases are counted per distinct UTC day for the rhythm (two orders on one day are one
 * buying occasion), as purchase models such as BG/NBD count them.
 */
export interface PurchaseHistory {
  readonly purchaseCount: number;
  /** Distinct purchase days; the first one included. */
  readonly purchaseDays: number;
  readonly firstPurchaseMs: number;
  readonly lastPurchaseMs: number;
  /** The most recent distinct purchase days (UTC day indexes), ascending, bounded. */
  readonly recentPurchaseDays: readonly number[];
  /** Revenue and orders in the reporting currency (other currencies are left out of money figures). */
  readonly revenueCents: number;
  readonly ordersInReportingCurrency: number;
}

/** Enough days for up to 100 intervals (the largest `rhythmIntervals`). */
export const MAX_RECENT_PURCHASE_DAYS = 101;

export function recordPurchase(history: PurchaseHistory | null, eventTimeMs: number, cents: number | null): PurchaseHistory {
  const day = dayIndexOf(eventTimeMs);
  if (history === null) {
    return {
      purchaseCount: 1,
      purchaseDays: 1,
      firstPurchaseMs: eventTimeMs,
      lastPurchaseMs: eventTimeMs,
      recentPurchaseDays: [day],
      revenueCents: cents ?? 0,
      ordersInReportingCurrency: cents === null ? 0 : 1,
    };
  }
  // A day older than every kept day could be counted twice; with 101 kept days that is a late order of long ago, and rare.
  const newDay = !history.recentPurchaseDays.includes(day);
  const recentPurchaseDays = newDay ? [...history.recentPurchaseDays, day].sort((a, b) => a - b).slice(-MAX_RECENT_PURCHASE_DAYS) : history.recentPurchaseDays;
  return {
    purchaseCount: history.purchaseCount + 1,
    purchaseDays: history.purchaseDays + (newDay ? 1 : 0),
    firstPurchaseMs: Math.min(history.firstPurchaseMs, eventTimeMs),
    lastPurchaseMs: Math.max(history.lastPurchaseMs, eventTimeMs),
    recentPurchaseDays,
    revenueCents: history.revenueCents + (cents ?? 0),
    ordersInReportingCurrency: history.ordersInReportingCurrency + (cents === null ? 0 : 1),
  };
}

/**
 * The history in the terms of the BG/NBD model, in days: x = repeat purchase days, t_x = first to
 * last purchase, T = first purchase to now. For a pluggable scorer backed by a purchase model.
 */
export function modelHistoryOf(history: PurchaseHistory, nowMs: number): { frequency: number; recency: number; age: number } {
  const first = dayIndexOf(history.firstPurchaseMs);
  return {
    frequency: history.purchaseDays - 1,
    recency: dayIndexOf(history.lastPurchaseMs) - first,
    age: Math.max(dayIndexOf(history.lastPurchaseMs) - first, (nowMs - first * MS_PER_DAY) / MS_PER_DAY),
  };
}
