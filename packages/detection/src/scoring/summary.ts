import type { AlertKind } from '@churnwatch/contracts';
import { daysUntil } from '../contract/renewal-assessment.ts';
import { plural } from '../numbers.ts';
import type { SignalFacts } from '../signals/signal-contract.ts';
import { dayIndexOfDate, dayStartMs } from '../time/days.ts';
import { factsOf, type StoredSignal } from './stored-signal.ts';

/** The schema's limit on a summary. */
const MAX_SUMMARY_LENGTH = 500;

function capped(text: string): string {
  return text.length <= MAX_SUMMARY_LENGTH ? text : `${text.slice(0, MAX_SUMMARY_LENGTH - 1)}…`;
}

export interface SummaryContext {
  readonly contract: SignalFacts | undefined;
  readonly openComplaints: number;
  /** A renewal closer than this many days is worth mentioning on any alert. */
  readonly renewalMentionDays: number;
  readonly nowMs: number;
}

/**
 * One line a CS manager can read: the finding's headline, then what else is at stake that the
 * headline does not already say — e.g. "Usage fell 62 % over 14 days against its 8-week
 * baseline; renewal in 21 days; 2 open complaints". Pure.
 */
export function alertSummary(kind: AlertKind, headline: string, context: SummaryContext): string {
  const clauses = [headline];
  const contract = context.contract;
  if (kind !== 'renewal_upcoming' && kind !== 'renewal_at_risk' && contract?.renewalDate !== undefined && contract.contractStatus !== 'ended') {
    const daysLeft = daysUntil(dayStartMs(dayIndexOfDate(contract.renewalDate)), context.nowMs);
    if (daysLeft >= 0 && daysLeft <= context.renewalMentionDays) clauses.push(`renewal in ${daysLeft} days`);
    if (contract.contractStatus === 'cancelled') clauses.push('contract cancelled');
  }
  if (kind !== 'complaint_escalation' && kind !== 'renewal_at_risk' && context.openComplaints > 0)
    clauses.push(plural(context.openComplaints, 'open complaint'));
  return capped(clauses.join('; '));
}

/**
 * The closing line of a resolved alert, from the concern's current state: "All clear: …" when
 * the customer recovered, "Renewal settled: …" when a renewal went through, "Closed: contract
 * ended …" when there is nothing left to save — for the behaviour alerts too, which then close
 * without their problem having gone. Pure.
 */
export function resolvedSummary(
  kind: AlertKind,
  concernSignal: StoredSignal | undefined,
  contract: SignalFacts | undefined,
  healthScore: number | undefined,
): string {
  const renewal = kind === 'renewal_upcoming' || kind === 'renewal_at_risk';
  if (contract?.contractStatus === 'ended') {
    return capped(
      renewal
        ? `Closed: contract ended on ${contract.renewalDate}`
        : `Closed, not resolved: the contract ended on ${contract.renewalDate}; the customer has left`,
    );
  }
  if (kind === 'renewal_at_risk') {
    const health = healthScore === undefined ? '' : ` (health ${Math.round(healthScore)}/100)`;
    return capped(
      contract?.renewalDate === undefined ? 'All clear: no renewal pending' : `All clear: renewal on ${contract.renewalDate} no longer at risk${health}`,
    );
  }
  const lastUsageAt = factsOf(concernSignal)?.lastUsageAt;
  if (kind === 'usage_stopped' && lastUsageAt !== undefined) return capped(`All clear: usage resumed on ${lastUsageAt.slice(0, 10)}`);
  const detail = concernSignal?.allClear?.detail ?? 'the problem is gone';
  return capped(kind === 'renewal_upcoming' ? `Renewal settled: ${detail}` : `All clear: ${detail}`);
}
