import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { centsOf, moneyOfCents } from '../money.ts';
import type { SignalFacts } from '../signals/signal-contract.ts';
import type { StoredProfile } from './scorer-state.ts';

export type ValueAtRisk = NonNullable<ChurnRiskAlertV1['valueAtRisk']>;

/**
 * What the company stands to lose, by the best basis known: the live contract's recurring revenue
 * annualised (ARR); else the CRM's annual contract value; else the customer lifetime value from
 * purchases. Undefined when none is known. Pure.
 */
export function valueAtRiskOf(contract: SignalFacts | undefined, profile: StoredProfile | null, purchases: SignalFacts | undefined): ValueAtRisk | undefined {
  const revenue = contract?.recurringRevenue;
  if (revenue !== undefined && contract?.contractStatus !== 'ended') {
    const annualCents = centsOf(revenue.amount) * (revenue.interval === 'month' ? 12 : 1);
    return { ...moneyOfCents(annualCents, revenue.currency), basis: 'recurring_revenue' };
  }
  if (profile?.contractValue !== undefined) return { ...profile.contractValue, basis: 'contract_value' };
  if (purchases?.customerValue !== undefined) return { ...purchases.customerValue, basis: 'customer_lifetime_value' };
  return undefined;
}
