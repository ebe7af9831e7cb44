import { addMonths } from '../calendar/days.ts';
import { bernoulli, choice, uniform } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { PlanContext } from './context.ts';
import type { CustomerBase } from './customer-base.ts';

/**
 * How a contract customer's subscription runs. Contracts are invoiced monthly on the day of the
 * month of `renewalDay`; every invoice is a purchase carrying the subscription facts.
 *
 * - `none`: renews at `renewalDay` (automatically, or by its own renewal order when `autoRenew` is false).
 * - `auto_renew_off`: auto-renew switched off from `noticeDay`; the contract ends at `renewalDay`.
 * - `cancelled`: notice given (status `cancelled`) from `noticeDay`; the contract ends at `renewalDay`.
 * - `no_renewal_order`: never auto-renewed; simply no renewal order; the contract ends at `renewalDay`.
 */
export type ContractNotice = 'none' | 'auto_renew_off' | 'cancelled' | 'no_renewal_order';

export interface ContractTerms {
  readonly subscriptionId: string;
  readonly plan: string;
  readonly termMonths: number;
  /** The term end the story turns on (simulated day). */
  readonly renewalDay: number;
  readonly notice: ContractNotice;
  /** Before any notice. */
  readonly autoRenew: boolean;
  /** First invoice day that shows the notice; null when no invoice can show it. */
  readonly noticeDay: number | null;
  readonly monthlyCents: number;
  /** Price change applied at each renewal from `renewalDay` on. */
  readonly renewalPriceFactor: number;
  readonly revenueInterval: 'month' | 'year';
}

/** One monthly invoice: `month` counts months from the renewal day (negative: before it). */
export interface Invoice {
  readonly day: number;
  readonly month: number;
}

const plans = { smb: ['starter', 'team'], mid_market: ['business', 'growth'], enterprise: ['enterprise', 'enterprise_plus'] } as const;

export function drawContractTerms(context: PlanContext, rng: Prng, base: CustomerBase, renewalDay: number, renews: boolean): ContractTerms {
  const { contracts } = context.options;
  const termMonths =
    base.segment === 'smb' ? (bernoulli(rng, contracts.monthlyTermShare) ? 1 : 12) : base.segment === 'enterprise' && bernoulli(rng, 0.25) ? 24 : 12;
  const pick = rng.next();
  const notice: ContractNotice = renews
    ? 'none'
    : pick < contracts.autoRenewOffShare
      ? 'auto_renew_off'
      : pick < contracts.autoRenewOffShare + contracts.cancelShare
        ? 'cancelled'
        : 'no_renewal_order';
  const autoRenew = renews ? !bernoulli(rng, contracts.manualRenewShare) : notice !== 'no_renewal_order';
  const terms = {
    subscriptionId: `${base.idBase}-sub1`,
    plan: choice(rng, plans[base.segment]),
    termMonths,
    renewalDay,
    notice,
    autoRenew,
    noticeDay: null,
    monthlyCents: Math.max(100, Math.round(base.annualValueCents / 12)),
    renewalPriceFactor: uniform(rng, 0.92, 1.2),
    revenueInterval: base.segment === 'enterprise' ? ('year' as const) : ('month' as const),
  };
  if (notice !== 'auto_renew_off' && notice !== 'cancelled') return terms;
  // The notice shows on one of the last invoices before the end (1–3 months ahead, within a term).
  const before = invoices(context, terms).filter((invoice) => invoice.month < 0 && invoice.month >= -Math.min(3, termMonths));
  const shown = before.length ? before[Math.floor(rng.next() * before.length)] : undefined;
  return { ...terms, noticeDay: shown?.day ?? null };
}

/** Invoices inside the simulated period, in order; a contract that ends has none from its end on. */
export function invoices(context: PlanContext, terms: Pick<ContractTerms, 'renewalDay' | 'notice'>): Invoice[] {
  const renewalEpochDay = context.startEpochDay + terms.renewalDay;
  const found: Invoice[] = [];
  for (let month = -1; ; month--) {
    const day = addMonths(renewalEpochDay, month) - context.startEpochDay;
    if (day < 0) break;
    found.unshift({ day, month });
  }
  if (terms.notice !== 'none') return found;
  for (let month = 0; ; month++) {
    const day = addMonths(renewalEpochDay, month) - context.startEpochDay;
    if (day > context.lastDay) break;
    found.push({ day, month });
  }
  return found;
}

/** The term end after an invoice, as an epoch day: terms end every `termMonths` from the renewal day. */
export function termEndEpochDay(context: PlanContext, terms: ContractTerms, invoice: Invoice): number {
  const termsAhead = Math.floor(invoice.month / terms.termMonths) + 1;
  return addMonths(context.startEpochDay + terms.renewalDay, termsAhead * terms.termMonths);
}
