import { centsOf } from '../money.ts';
import type { SignalConcern, SignalFacts } from '../signals/signal-contract.ts';
import { isoOf } from '../time/days.ts';
import type { KpiRow } from './kpi-contract.ts';

/**
 * A customer's KPI row from the facts of the scorer's latest signals (a concern is present when
 * its monitor has spoken). Pure.
 *
 * Active: with a contract, while it has not ended (a cancelled contract runs to its end date);
 * without one, while usage or purchases are not dormant (none for `dormantAfterDays`). Null for
 * a customer known only from complaints or feedback: nothing says whether they are a customer.
 * MRR counts only in the reporting currency; `activeSince` keeps the start of the current active
 * spell from the previous row.
 */
export function kpiRowOf(
  facts: Partial<Record<SignalConcern, SignalFacts>>,
  npsScore: number | null,
  previous: KpiRow | null,
  nowMs: number,
  reportingCurrency: string,
): KpiRow | null {
  const contract = facts.contract;
  const activity = [facts.usage, facts.purchases].filter((concern) => concern !== undefined);
  if (contract?.contractStatus === undefined && activity.length === 0) return null;
  const active = contract?.contractStatus !== undefined ? contract.contractStatus !== 'ended' : activity.some((concern) => concern.dormant !== true);
  const revenue = contract?.recurringRevenue;
  const monthlyCents =
    revenue === undefined || revenue.currency !== reportingCurrency ? 0 : centsOf(revenue.amount) * (revenue.interval === 'year' ? 1 / 12 : 1);
  const purchases = facts.purchases;
  return {
    active,
    activeSince: active ? (previous?.active === true ? previous.activeSince : isoOf(nowMs)) : null,
    mrrCents: active ? Math.round(monthlyCents) : 0,
    purchaseCount: purchases?.purchaseCount ?? 0,
    revenueCents: purchases?.revenue === undefined ? 0 : centsOf(purchases.revenue.amount),
    clvCents: purchases?.customerValue === undefined ? null : centsOf(purchases.customerValue.amount),
    npsScore,
  };
}
