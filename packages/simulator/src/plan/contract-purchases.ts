import { isoDateOf } from '../calendar/days.ts';
import { intBetween } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { PlanContext } from './context.ts';
import { instantOn } from './context.ts';
import { type ContractTerms, type Invoice, invoices, termEndEpochDay } from './contract-terms.ts';
import type { SparseDraft } from './customer-plan.ts';
import { formatCents } from './money.ts';

/** The monthly invoices of a contract as purchase drafts; invoices run in a nightly billing job. */
export function contractPurchases(context: PlanContext, rng: Prng, terms: ContractTerms, idBase: string): SparseDraft[] {
  const { currency } = context.options;
  return invoices(context, terms).map((invoice, n) => {
    const cents = priceAt(terms, invoice);
    const noticed = terms.noticeDay !== null && invoice.day >= terms.noticeDay;
    return {
      kind: 'purchase',
      timeMs: instantOn(context, invoice.day, intBetween(rng, 2, 5), rng),
      fields: {
        orderId: `${idBase}-o${n + 1}`,
        amount: { amount: formatCents(cents), currency },
        subscription: {
          subscriptionId: terms.subscriptionId,
          plan: terms.plan,
          termMonths: terms.termMonths,
          renewalDate: isoDateOf(termEndEpochDay(context, terms, invoice)),
          autoRenew: noticed ? false : terms.autoRenew,
          recurringRevenue: { amount: formatCents(terms.revenueInterval === 'year' ? cents * 12 : cents), currency, interval: terms.revenueInterval },
          status: noticed && terms.notice === 'cancelled' ? 'cancelled' : 'active',
        },
      },
    };
  });
}

/** Monthly price in cents: the renewal price factor applies once per renewal from the renewal day on. */
function priceAt(terms: ContractTerms, invoice: Invoice): number {
  const renewals = invoice.month < 0 ? 0 : Math.floor(invoice.month / terms.termMonths) + 1;
  return Math.max(1, Math.round(terms.monthlyCents * terms.renewalPriceFactor ** renewals));
}
