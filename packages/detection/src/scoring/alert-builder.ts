import type { AlertEvidence, AlertHistoryEntry, AlertKind, AlertSeverity, ChurnRiskAlertV1 } from '@churnwatch/contracts';
import type { OutputRecord } from '@churnwatch/stream-runtime';
import { deterministicId } from '../ids.ts';
import { isoOf } from '../time/days.ts';
import type { LifecycleStatus } from './alert-lifecycle.ts';
import type { StoredProfile } from './scorer-state.ts';
import type { ValueAtRiskOutcome } from './value-at-risk.ts';

/**
 * The deterministic alert id: f(customer, kind, seed). The seed is an event fact: the time the
 * problem was first detected, or for renewal_at_risk the renewal date and the number of the alert
 * for it (see renewalRiskSeed).
 */
export function alertIdOf(customerId: string, kind: AlertKind, seed: number | string): string {
  return deterministicId('alert', customerId, kind, seed);
}

export interface AlertStep {
  readonly customerId: string;
  readonly kind: AlertKind;
  readonly status: LifecycleStatus;
  /** On a resolved step: an all-clear, or closed because the contract ended. */
  readonly resolution?: ChurnRiskAlertV1['resolution'];
  readonly alertId: string;
  /** The kind's step counter after this step; with the alert id it makes the step's event id. */
  readonly step: number;
  readonly severity: AlertSeverity;
  readonly openedAtMs: number;
  readonly nowMs: number;
  readonly summary: string;
  readonly evidence: readonly AlertEvidence[];
  readonly healthScore: number | undefined;
  readonly valueAtRisk: ValueAtRiskOutcome;
  readonly renewalDate: string | undefined;
  /** Undefined until the complaint monitor has reported on the customer. */
  readonly openComplaints?: number | undefined;
  readonly segment: string;
  readonly profile: StoredProfile | null;
  /** Actions taken on the alert so far; omitted from the alert when empty. */
  readonly history?: readonly AlertHistoryEntry[];
}

/** One life-cycle step as an `alerts` output (ChurnRiskAlertV1). Pure. */
export function alertOutput(step: AlertStep): OutputRecord {
  const eventId = `${step.alertId}-${step.step}`;
  const alert: ChurnRiskAlertV1 = {
    schemaVersion: 1,
    alertId: step.alertId,
    eventId,
    customerId: step.customerId,
    ...(step.profile?.name === undefined ? {} : { customerName: step.profile.name }),
    kind: step.kind,
    status: step.status,
    ...(step.resolution === undefined ? {} : { resolution: step.resolution }),
    severity: step.severity,
    openedAt: isoOf(step.openedAtMs),
    eventTime: isoOf(step.nowMs),
    summary: step.summary,
    evidence: [...step.evidence],
    ...(step.healthScore === undefined ? {} : { healthScore: step.healthScore }),
    ...(step.valueAtRisk.value === undefined ? { valueAtRiskUnknown: step.valueAtRisk.unknown } : { valueAtRisk: step.valueAtRisk.value }),
    ...(step.renewalDate === undefined ? {} : { renewalDate: step.renewalDate }),
    ...(step.openComplaints === undefined ? {} : { openComplaints: step.openComplaints }),
    segment: step.segment,
    ...(step.profile?.owner === undefined ? {} : { owner: step.profile.owner }),
    ...(step.history === undefined || step.history.length === 0 ? {} : { history: [...step.history] }),
  };
  return { output: 'alerts', key: step.customerId, value: alert, id: eventId, eventTimeMs: step.nowMs };
}
