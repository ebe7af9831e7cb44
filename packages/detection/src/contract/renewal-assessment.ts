import type { AlertEvidence } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';
import { formatCents, moneyOfCents } from '../money.ts';
import { clamp } from '../numbers.ts';
import type { Finding } from '../signals/signal-contract.ts';
import type { SignalDraft } from '../signals/signal-emitter.ts';
import { isoOf, MS_PER_DAY } from '../time/days.ts';
import { renewalMsOf, type Subscription } from './subscriptions.ts';

/**
 * The contract concern of one customer at `nowMs`: the next renewal, its notice horizon, and the
 * renewal factor of the health score. Pure.
 *
 * Notices: the renewal_upcoming finding appears when the first horizon is reached (renewal date
 * at 00:00 UTC minus the largest horizon) and its fingerprint moves at every further horizon, so
 * each horizon gives one update of the same notice. It lasts until the renewal is settled
 * (renewed: the next date is beyond every horizon again; or ended).
 *
 * Factor `renewal`: 1 with auto-renew on; with auto-renew off, the days left over the largest
 * horizon (closer is worse); 0 once cancelled or ended.
 */
export interface ContractAssessment {
  readonly draft: SignalDraft;
  /** Next moment the assessment can change on its own (a horizon, a renewal date plus grace); null when none. */
  readonly nextCheckMs: number | null;
}

/** Whole days from now to the renewal date, counting a started day as a whole one. */
export function daysUntil(renewalMs: number, nowMs: number): number {
  return Math.ceil((renewalMs - nowMs) / MS_PER_DAY);
}

export function assessContract(subscriptions: readonly Subscription[], nowMs: number, renewal: Thresholds['renewal'], ruleVersion: string): ContractAssessment {
  const live = subscriptions.filter((subscription) => subscription.status !== 'ended').sort((a, b) => renewalMsOf(a) - renewalMsOf(b));
  const next = live[0];
  if (next === undefined) return { draft: endedDraft(subscriptions), nextCheckMs: null };

  const renewalMs = renewalMsOf(next);
  const daysLeft = daysUntil(renewalMs, nowMs);
  const largestHorizon = Math.max(...renewal.horizonsDays);
  const reached = renewal.horizonsDays.filter((days) => nowMs >= renewalMs - days * MS_PER_DAY);
  const currentHorizon = reached.length === 0 ? null : Math.min(...reached);
  const sameCurrency = live.filter((subscription) => subscription.currency === next.currency);
  const monthlyCents = sameCurrency.reduce((total, subscription) => total + subscription.monthlyRevenueCents, 0);
  const evidence = renewalEvidence(next, daysLeft, currentHorizon, renewal, ruleVersion);

  const findings: Finding[] = [];
  if (currentHorizon !== null) {
    findings.push({
      kind: 'renewal_upcoming',
      severity: 'info',
      since: isoOf(Math.max(renewalMs - largestHorizon * MS_PER_DAY, next.renewalKnownSinceMs)),
      headline: renewalHeadline(next, daysLeft, monthlyCents),
      fingerprint: `horizon-${currentHorizon}:${next.status}:${next.autoRenew ? 'auto' : 'manual'}`,
      evidence: [evidence],
    });
  }

  const futureChecks = live.flatMap((subscription) => [
    ...renewal.horizonsDays.map((days) => renewalMsOf(subscription) - days * MS_PER_DAY),
    renewalMsOf(subscription) + renewal.graceDays * MS_PER_DAY,
  ]);
  const pending = futureChecks.filter((atMs) => atMs > nowMs);

  return {
    draft: {
      factor: renewalFactor(next, daysLeft, largestHorizon),
      detail: renewalDetail(next, daysLeft),
      evidence: [evidence],
      findings,
      facts: {
        renewalDate: next.renewalDate,
        autoRenew: next.autoRenew,
        ...(next.autoRenew ? {} : { autoRenewSwitchedOff: next.autoRenewSwitchedOff === true }),
        contractStatus: next.status === 'cancelled' ? 'cancelled' : 'active',
        recurringRevenue: { ...moneyOfCents(monthlyCents, next.currency), interval: 'month' },
      },
    },
    nextCheckMs: pending.length === 0 ? null : Math.min(...pending),
  };
}

function renewalFactor(next: Subscription, daysLeft: number, largestHorizon: number): SignalDraft['factor'] {
  if (next.status === 'cancelled') return { value: 0, detail: `contract cancelled, ends ${next.renewalDate}` };
  if (next.autoRenew) return { value: 1, detail: `renews automatically on ${next.renewalDate}` };
  return { value: clamp(daysLeft / largestHorizon, 0, 1), detail: `auto-renew off, renewal in ${daysLeft} days` };
}

function renewalHeadline(next: Subscription, daysLeft: number, monthlyCents: number): string {
  const revenue = `${formatCents(monthlyCents, next.currency)} a month`;
  if (next.status === 'cancelled') return `Contract cancelled: ends on ${next.renewalDate}, in ${daysLeft} days (${revenue})`;
  return `Renewal on ${next.renewalDate}, in ${daysLeft} days; auto-renew ${next.autoRenew ? 'on' : 'off'} (${revenue})`;
}

function renewalDetail(next: Subscription, daysLeft: number): string {
  if (next.status === 'cancelled') return `contract cancelled, ends on ${next.renewalDate}`;
  return `next renewal on ${next.renewalDate}, in ${daysLeft} days, auto-renew ${next.autoRenew ? 'on' : 'off'}`;
}

function renewalEvidence(next: Subscription, daysLeft: number, horizon: number | null, renewal: Thresholds['renewal'], ruleVersion: string): AlertEvidence {
  return {
    detector: 'renewal-horizon',
    ruleVersion,
    observed: {
      subscriptionId: next.subscriptionId,
      plan: next.plan,
      renewalDate: next.renewalDate,
      daysToRenewal: daysLeft,
      horizonDays: horizon,
      autoRenew: next.autoRenew,
      status: next.status,
    },
    thresholds: { horizonsDays: renewal.horizonsDays.join(','), graceDays: renewal.graceDays },
  };
}

function endedDraft(subscriptions: readonly Subscription[]): SignalDraft {
  const last = [...subscriptions].sort((a, b) => renewalMsOf(b) - renewalMsOf(a))[0];
  const detail = last === undefined ? 'no contract' : `contract ended on ${last.renewalDate}`;
  return {
    factor: last === undefined ? null : { value: 0, detail },
    detail,
    evidence: [],
    findings: [],
    facts: last === undefined ? {} : { renewalDate: last.renewalDate, autoRenew: last.autoRenew, contractStatus: 'ended' },
  };
}
