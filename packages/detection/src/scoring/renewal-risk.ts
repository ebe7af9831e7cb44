import type { AlertEvidence, AlertSeverity } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';
import { daysUntil } from '../contract/renewal-assessment.ts';
import { plural, roundTo } from '../numbers.ts';
import type { SignalFacts } from '../signals/signal-contract.ts';
import { dayIndexOfDate, dayStartMs, isoOf, MS_PER_DAY } from '../time/days.ts';
import type { NpsAnswer } from './scorer-state.ts';

export type RenewalRiskReason =
  | 'cancelled'
  | 'auto_renew_off'
  | 'manual_renewal'
  | 'manual_renewal_detractor'
  | 'poor_health'
  | 'usage_declining'
  | 'usage_stopped'
  | 'complaints_escalated';

/**
 * What the risk scorer knows that bears on a renewal. Every reason comes with the event time at
 * which it began (null while it does not hold), so that the risk's own start is a fact of the
 * events, whatever order the monitors' signals arrive in.
 */
export interface RenewalRiskInput {
  /** Facts of the contract concern; undefined without a contract. */
  readonly contract: SignalFacts | undefined;
  /** When the contract facts were stated (the contract signal's event time): where a cancellation or auto-renew off begins. */
  readonly contractStatedAtMs: number;
  readonly healthScore: number | null;
  /** When the current health score was reached: the latest event time of the signals and answer it is computed from. */
  readonly healthAtMs: number;
  /** Poor health is a reason of the open renewal-risk alert (see reasonsOfFingerprint): it holds until the score recovers. */
  readonly poorHealthHeld: boolean;
  /** The `since` of the monitors' findings; null while there is none. */
  readonly usageDecliningSinceMs: number | null;
  readonly usageStoppedSinceMs: number | null;
  readonly complaintsEscalatedSinceMs: number | null;
  readonly openComplaints: number;
  /** The customer's latest NPS answer (0–10) and when it was given; null without one. */
  readonly nps: NpsAnswer | null;
}

export interface RenewalRisk {
  readonly finding: { readonly severity: AlertSeverity; readonly headline: string; readonly fingerprint: string; readonly evidence: AlertEvidence } | null;
  readonly reasons: readonly RenewalRiskReason[];
  /** When the risk began: the later of the window's start and the start of its earliest reason; null without a finding. */
  readonly sinceMs: number | null;
  /** When the renewal enters the risk window or its critical part; null when neither lies ahead. */
  readonly nextCheckMs: number | null;
}

const NO_RISK = { finding: null, reasons: [], sinceMs: null, nextCheckMs: null };

/**
 * Renewal at risk: a live contract renews within `withinDays` and the customer shows at least one
 * reason — contract cancelled, auto-renew switched off (when `autoRenewOffIsRisk`), a manual
 * renewal (when `manualRenewalIsRisk`; otherwise only when the customer's latest NPS answer is
 * below `detractorBelow`), health score below `poorHealthBelow`, usage declining or stopped,
 * complaints escalated. A single minor complaint is not a reason: what counts is the complaint
 * monitor's escalation.
 *
 * A manual renewal (auto-renew never on: the customer renews by a new order on the renewal date)
 * is no reason by itself: on backtest seeds 42 and 7 all 24 manual renewers were alerted 90 days
 * ahead, 12 of the 18 and 12 of the 16 false alarms of this kind. Nothing in the contract facts
 * tells them from the 19 manual customers who let the contract end; an unhappy NPS answer does
 * (9 of the 19 answered below 7 within 90 days of the renewal date, 2 of the 24 renewers).
 *
 * Poor health opens below `poorHealthBelow` and, once a reason of the open alert, holds until the
 * score reaches `poorHealthBelow` + `poorHealthRecoveryMargin`: a score hovering about the line (49, 51, 48, 50 as the
 * monitors' signals come in) would otherwise update the alert with every signal.
 *
 * Critical within `criticalWithinDays` or when cancelled. The risk holds past the renewal date
 * until the contract monitor settles it (renewed, or ended): a renewal that is due and not renewed
 * is no all-clear. Pure.
 */
export function assessRenewalRisk(input: RenewalRiskInput, nowMs: number, risk: Thresholds['renewalRisk'], ruleVersion: string): RenewalRisk {
  const contract = input.contract;
  if (contract?.renewalDate === undefined || contract.contractStatus === undefined || contract.contractStatus === 'ended') return NO_RISK;
  const renewalMs = dayStartMs(dayIndexOfDate(contract.renewalDate));
  const windowStartMs = renewalMs - risk.withinDays * MS_PER_DAY;
  const daysLeft = daysUntil(renewalMs, nowMs);
  const windows = [windowStartMs, renewalMs - risk.criticalWithinDays * MS_PER_DAY].filter((atMs) => atMs > nowMs);
  const nextCheckMs = windows.length === 0 ? null : Math.min(...windows);

  const starts: Partial<Record<RenewalRiskReason, number>> = {};
  if (contract.contractStatus === 'cancelled') starts.cancelled = input.contractStatedAtMs;
  const byOrder = contract.autoRenew === false && contract.contractStatus === 'active';
  if (risk.autoRenewOffIsRisk && byOrder && contract.autoRenewSwitchedOff === true) starts.auto_renew_off = input.contractStatedAtMs;
  const manual = byOrder && contract.autoRenewSwitchedOff !== true;
  if (manual && risk.manualRenewalIsRisk) starts.manual_renewal = input.contractStatedAtMs;
  else if (manual && input.nps !== null && input.nps.score < risk.detractorBelow) starts.manual_renewal_detractor = input.nps.atMs;
  const poorBelow = risk.poorHealthBelow + (input.poorHealthHeld ? risk.poorHealthRecoveryMargin : 0);
  if (input.healthScore !== null && input.healthScore < poorBelow) starts.poor_health = input.healthAtMs;
  if (input.usageDecliningSinceMs !== null) starts.usage_declining = input.usageDecliningSinceMs;
  if (input.usageStoppedSinceMs !== null) starts.usage_stopped = input.usageStoppedSinceMs;
  if (input.complaintsEscalatedSinceMs !== null) starts.complaints_escalated = input.complaintsEscalatedSinceMs;
  const reasons = Object.keys(starts) as RenewalRiskReason[];

  if (daysLeft > risk.withinDays || reasons.length === 0) return { finding: null, reasons, sinceMs: null, nextCheckMs };

  const severity: AlertSeverity = daysLeft <= risk.criticalWithinDays || reasons.includes('cancelled') ? 'critical' : 'warning';
  const words: Record<RenewalRiskReason, string> = {
    cancelled: 'contract cancelled',
    auto_renew_off: 'auto-renew off',
    manual_renewal: 'renews by order',
    manual_renewal_detractor: `renews by order, NPS answer ${input.nps?.score}`,
    poor_health: `health ${roundTo(input.healthScore ?? 0, 0)}/100`,
    usage_declining: 'usage declining',
    usage_stopped: 'usage stopped',
    complaints_escalated: `complaints escalated (${plural(input.openComplaints, 'open complaint')})`,
  };
  const when = daysLeft >= 0 ? `in ${daysLeft} days` : `due ${-daysLeft} days ago, not renewed yet,`;
  return {
    reasons,
    sinceMs: Math.max(windowStartMs, Math.min(...Object.values(starts))),
    nextCheckMs,
    finding: {
      severity,
      headline: `Renewal on ${contract.renewalDate} ${when} at risk: ${reasons.map((reason) => words[reason]).join(', ')}`,
      fingerprint: fingerprintOf(severity, reasons),
      evidence: {
        detector: 'renewal-risk',
        ruleVersion,
        window: { from: isoOf(Math.min(nowMs, renewalMs)), to: isoOf(renewalMs) },
        observed: {
          renewalDate: contract.renewalDate,
          daysToRenewal: daysLeft,
          healthScore: input.healthScore,
          autoRenew: contract.autoRenew ?? null,
          // What tells a manual renewal from a switch, and what puts it at risk.
          ...(contract.autoRenew === false ? { autoRenewSwitchedOff: contract.autoRenewSwitchedOff === true, npsScore: input.nps?.score ?? null } : {}),
          contractStatus: contract.contractStatus,
          openComplaints: input.openComplaints,
          complaintsEscalated: input.complaintsEscalatedSinceMs !== null,
          usageDeclining: input.usageDecliningSinceMs !== null,
          usageStopped: input.usageStoppedSinceMs !== null,
          reasons: reasons.join(','),
        },
        thresholds: { ...risk },
      },
    },
  };
}

function fingerprintOf(severity: AlertSeverity, reasons: readonly RenewalRiskReason[]): string {
  return `${severity}:${reasons.join('+')}`;
}

/** The reasons a renewal-risk fingerprint (as sent, kept in the alert's track) names. */
export function reasonsOfFingerprint(fingerprint: string): readonly RenewalRiskReason[] {
  const reasons = fingerprint.slice(fingerprint.indexOf(':') + 1);
  return reasons === '' ? [] : (reasons.split('+') as RenewalRiskReason[]);
}
