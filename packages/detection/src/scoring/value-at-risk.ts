import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { centsOf, moneyOfCents } from '../money.ts';
import type { SignalFacts } from '../signals/signal-contract.ts';
import type { StoredProfile } from './scorer-state.ts';

export type ValueAtRisk = NonNullable<ChurnRiskAlertV1['valueAtRisk']>;

/** The value at risk of an alert, or why none is known. */
export type ValueAtRiskOutcome = { readonly value: ValueAtRisk; readonly unknown?: undefined } | { readonly value?: undefined; readonly unknown: string };

/**
 * What the company stands to lose, by the best basis known: the live contract's recurring revenue
 * annualised (ARR); else the CRM's annual contract value; else the customer lifetime value from
 * purchases, with the method the purchase monitor used. Without any, the reason. Pure.
 */
export function valueAtRiskOf(contract: SignalFacts | undefined, profile: StoredProfile | null, purchases: SignalFacts | undefined): ValueAtRiskOutcome {
  const revenue = contract?.recurringRevenue;
  if (revenue !== undefined && contract?.contractStatus !== 'ended') {
    const annualCents = centsOf(revenue.amount) * (revenue.interval === 'month' ? 12 : 1);
    return { value: { ...moneyOfCents(annualCents, revenue.currency), basis: 'recurring_revenue' } };
  }
  if (profile?.contractValue !== undefined) return { value: { ...profile.contractValue, basis: 'contract_value' } };
  if (purchases?.customerValue !== undefined) {
    const method = purchases.customerValueMethod;
    return { value: { ...purchases.customerValue, basis: 'customer_lifetime_value', ...(method === undefined ? {} : { method }) } };
  }
  if (purchases !== undefined) return { unknown: 'no purchase in the reporting currency, no live contract and no contract value in the CRM' };
  return {
    unknown:
      contract?.contractStatus === 'ended' ? 'the contract has ended and the CRM names no contract value' : 'no contract, purchase or CRM contract value known',
  };
}
