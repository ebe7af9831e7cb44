import { type AlertEvidence, type AlertKind, type AlertSeverity, alertKinds, type CustomerHealthV1 } from '@churnwatch/contracts';
import type { OutputRecord, ProcessorResult } from '@churnwatch/stream-runtime';
import type { DetectionConfig } from '../config/detection-config.ts';
import { resolveThresholds, segmentLabelOf } from '../config/resolve.ts';
import { deterministicId } from '../ids.ts';
import type { KpiChangeV1, KpiRow } from '../kpi/kpi-contract.ts';
import { kpiRowOf } from '../kpi/kpi-row.ts';
import { dateOfDayIndex, dayIndexOf, isoOf } from '../time/days.ts';
import { closedByHandSummary } from './alert-actions.ts';
import { alertIdOf, alertOutput } from './alert-builder.ts';
import { type CurrentFinding, NEW_TRACK, reconcileAlert } from './alert-lifecycle.ts';
import { contractStandingOf, findingCounts } from './contract-standing.ts';
import { computeHealthScore, type FactorReading, type HealthScore } from './health-score.ts';
import { assessRenewalRisk, reasonsOfFingerprint } from './renewal-risk.ts';
import { type RiskScorerState, storedTracks } from './scorer-state.ts';
import { CONCERN_OF, factsOf, findingEvidence, findingsOf, withoutIdleAllClears } from './stored-signal.ts';
import { alertSummary, resolvedSummary } from './summary.ts';
import { valueAtRiskOf } from './value-at-risk.ts';

export const SCORER_WAKE_TIMER = 'scorer-wake';

/** A finding that holds now, with its evidence in full. */
interface ActiveFinding {
  readonly severity: AlertSeverity;
  readonly sinceMs: number;
  readonly headline: string;
  readonly fingerprint: string;
  readonly evidence: readonly AlertEvidence[];
}

function factorReadings(state: RiskScorerState): FactorReading[] {
  const { usage, contract, complaints, purchases } = state.signals;
  const readings: FactorReading[] = [];
  if (usage?.factor) readings.push({ factor: 'usage_trend', ...usage.factor });
  // A customer who never complained has a perfect complaints factor.
  readings.push(complaints?.factor ? { factor: 'complaints', ...complaints.factor } : { factor: 'complaints', value: 1, detail: 'no complaints' });
  if (purchases?.factor) readings.push({ factor: 'purchase_recency', ...purchases.factor });
  if (contract?.factor) readings.push({ factor: 'renewal', ...contract.factor });
  if (state.nps !== null)
    readings.push({ factor: 'nps', value: state.nps.score / 10, detail: `NPS answer ${state.nps.score} on ${dateOfDayIndex(dayIndexOf(state.nps.atMs))}` });
  return readings;
}

/** When the health score's inputs were all known: the latest event time of the signals and the NPS answer. */
function healthInputsAtMs(state: RiskScorerState): number {
  const times = Object.values(state.signals).map((signal) => signal.atMs);
  if (state.nps !== null) times.push(state.nps.atMs);
  return Math.max(...times);
}

/**
 * Re-assesses one customer at `nowMs` and emits what changed: alert life-cycle steps, the health
 * record, KPI changes; and sets the wake-up timer. `promptedAtMs`: the time of the signal, answer
 * or timer that prompted it (see reconcileAlert). Pure.
 */
export function evaluateCustomer(
  config: DetectionConfig,
  state: RiskScorerState,
  customerId: string,
  nowMs: number,
  promptedAtMs: number = nowMs,
): ProcessorResult<RiskScorerState> {
  const known = Object.keys(state.signals).length > 0 || state.nps !== null;
  if (!known) return { state };
  const thresholds = resolveThresholds(config, { segment: state.profile?.segment, plan: state.profile?.plan });
  // Alerts, health records and routing carry the CRM's own segment; only the KPI stream (keyed by
  // segment, and so a Prometheus label downstream) folds unknown segments into the bounded set.
  const segment = state.profile?.segment ?? config.defaultSegment;
  const segmentLabel = segmentLabelOf(config, state.profile?.segment);
  const health = computeHealthScore(factorReadings(state), thresholds.healthWeights, thresholds.healthBands);
  const contract = factsOf(state.signals.contract);
  const openComplaints = factsOf(state.signals.complaints)?.openComplaints ?? 0;

  const findings = new Map<AlertKind, ActiveFinding>();
  for (const signal of Object.values(state.signals)) {
    for (const finding of findingsOf(signal)) findings.set(finding.kind, { ...finding, evidence: findingEvidence(signal, finding) });
  }
  const sinceOf = (kind: AlertKind) => findings.get(kind)?.sinceMs ?? null;
  const risk = assessRenewalRisk(
    {
      contract,
      contractStatedAtMs: state.signals.contract?.atMs ?? nowMs,
      healthScore: health?.score ?? null,
      healthAtMs: healthInputsAtMs(state),
      poorHealthHeld: reasonsOfFingerprint(state.tracks.renewal_at_risk?.open?.fingerprint ?? ':').includes('poor_health'),
      usageDecliningSinceMs: sinceOf('usage_declining'),
      usageStoppedSinceMs: sinceOf('usage_stopped'),
      complaintsEscalatedSinceMs: sinceOf('complaint_escalation'),
      openComplaints,
      nps: state.nps,
    },
    nowMs,
    thresholds.renewalRisk,
    config.ruleVersion,
  );
  const renewalRiskSinceMs = risk.finding === null ? null : (state.renewalRiskSinceMs ?? risk.sinceMs);
  if (risk.finding !== null) {
    findings.set('renewal_at_risk', { sinceMs: renewalRiskSinceMs as number, ...risk.finding, evidence: [risk.finding.evidence] });
  }

  const outputs: OutputRecord[] = [];
  const tracks = { ...state.tracks };
  const wakes: number[] = risk.nextCheckMs === null ? [] : [risk.nextCheckMs];
  const valueAtRisk = valueAtRiskOf(contract, state.profile, factsOf(state.signals.purchases));
  const renewalDate = contract?.contractStatus !== undefined && contract.contractStatus !== 'ended' ? contract.renewalDate : undefined;
  const summaryContext = { contract, openComplaints, renewalMentionDays: Math.max(...thresholds.renewal.horizonsDays), nowMs };

  const standing = contractStandingOf(contract, nowMs);
  const renewalOpenings =
    contract?.renewalDate !== undefined && state.renewalRiskOpenings?.renewalDate === contract.renewalDate ? state.renewalRiskOpenings.count : 0;
  let renewalRiskOpenings = state.renewalRiskOpenings ?? null;

  for (const kind of alertKinds) {
    const before = tracks[kind] ?? NEW_TRACK;
    const finding = findingCounts(kind, standing, before.open !== null) ? (findings.get(kind) ?? null) : null;
    const current: CurrentFinding | null = finding === null ? null : { severity: finding.severity, fingerprint: finding.fingerprint, sinceMs: finding.sinceMs };
    // A renewal's risk is one problem of that renewal, whichever reason showed first: its id is
    // seeded by the renewal date (and the count of its alerts), facts that do not depend on the
    // order in which the monitors' signals arrive.
    const idOf = (sinceMs: number) =>
      kind === 'renewal_at_risk' ? alertIdOf(customerId, kind, `${contract?.renewalDate}#${renewalOpenings + 1}`) : alertIdOf(customerId, kind, sinceMs);
    const decision = reconcileAlert(before, current, nowMs, thresholds.lifecycle.cooldownDays, idOf, promptedAtMs);
    tracks[kind] = decision.track;
    if (decision.wakeAtMs !== null) wakes.push(decision.wakeAtMs);
    if (decision.status === null) continue;
    if (kind === 'renewal_at_risk' && decision.status === 'opened' && contract?.renewalDate !== undefined) {
      renewalRiskOpenings = { renewalDate: contract.renewalDate, count: renewalOpenings + 1 };
    }
    const open = decision.status === 'resolved' ? before.open : decision.track.open;
    if (open === null) continue;
    const concernSignal = kind === 'renewal_at_risk' ? undefined : state.signals[CONCERN_OF[kind]];
    outputs.push(
      alertOutput({
        customerId,
        kind,
        status: decision.status,
        ...(decision.status === 'resolved'
          ? { resolution: before.closeRequested === true ? 'closed_by_hand' : standing === 'ended' ? 'contract_ended' : 'all_clear' }
          : {}),
        alertId: open.alertId,
        step: decision.track.steps,
        severity: finding?.severity ?? before.open?.severity ?? 'info',
        openedAtMs: open.openedAtMs,
        nowMs,
        summary:
          before.closeRequested === true && decision.status === 'resolved'
            ? closedByHandSummary(before)
            : finding === null
              ? resolvedSummary(kind, concernSignal, contract, health?.score)
              : alertSummary(kind, finding.headline, summaryContext),
        evidence: finding?.evidence ?? resolvedEvidence(kind, concernSignal?.allClear?.evidence, config.ruleVersion, health),
        healthScore: health?.score,
        valueAtRisk,
        renewalDate,
        openComplaints: factsOf(state.signals.complaints)?.openComplaints,
        segment,
        profile: state.profile,
        history: (decision.status === 'resolved' ? before : decision.track).history ?? [],
      }),
    );
  }

  const openAlerts = alertKinds.filter((kind) => tracks[kind]?.open != null);
  const healthOut = healthOutput(state, customerId, nowMs, health, openAlerts, segment, renewalDate, contract?.recurringRevenue);
  const kpiOut = kpiOutputs(config, state, customerId, nowMs, segmentLabel);
  const future = wakes.filter((atMs) => atMs > nowMs);

  return {
    state: {
      ...state,
      signals: withoutIdleAllClears(state.signals, tracks),
      tracks: storedTracks(tracks),
      renewalRiskSinceMs,
      renewalRiskOpenings,
      health: healthOut.memo,
      kpi: kpiOut.memo,
    },
    outputs: [...outputs, ...healthOut.outputs, ...kpiOut.outputs],
    ...(future.length === 0
      ? { cancelTimers: [SCORER_WAKE_TIMER] }
      : { setTimers: [{ name: SCORER_WAKE_TIMER, atMs: Math.min(...future), clock: 'wall' as const }] }),
  };
}

/** Evidence of an all-clear: the concern's latest measurement, or a note of what changed. */
function resolvedEvidence(
  kind: AlertKind,
  evidence: readonly AlertEvidence[] | undefined,
  ruleVersion: string,
  health: HealthScore | null,
): readonly AlertEvidence[] {
  if (evidence !== undefined && evidence.length > 0) return evidence;
  return [{ detector: 'alert-lifecycle', ruleVersion, observed: { kind, resolved: true, healthScore: health?.score ?? null }, thresholds: {} }];
}

function healthOutput(
  state: RiskScorerState,
  customerId: string,
  nowMs: number,
  health: HealthScore | null,
  openAlerts: readonly AlertKind[],
  segment: string,
  renewalDate: string | undefined,
  recurringRevenue: CustomerHealthV1['recurringRevenue'],
): { memo: RiskScorerState['health']; outputs: OutputRecord[] } {
  if (health === null) return { memo: state.health, outputs: [] };
  const content = {
    score: health.score,
    band: health.band,
    factors: [...health.factors],
    openAlerts: [...openAlerts],
    segment,
    ...(renewalDate === undefined ? {} : { renewalDate }),
    ...(recurringRevenue === undefined ? {} : { recurringRevenue }),
  };
  const contentId = deterministicId('content', JSON.stringify(content));
  if (contentId === state.health.lastContent) return { memo: state.health, outputs: [] };
  const sent = state.health.sent + 1;
  const id = deterministicId('health', customerId, sent);
  const value: CustomerHealthV1 = { schemaVersion: 1, customerId, asOf: isoOf(nowMs), ...content };
  return { memo: { sent, lastContent: contentId }, outputs: [{ output: 'customerHealth', key: customerId, value, id, eventTimeMs: nowMs }] };
}

function sameRow(a: KpiRow | null, b: KpiRow | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The KPI changes: a retraction from the old segment and an addition to the new one when the segment moved. */
function kpiOutputs(
  config: DetectionConfig,
  state: RiskScorerState,
  customerId: string,
  nowMs: number,
  segment: string,
): { memo: RiskScorerState['kpi']; outputs: OutputRecord[] } {
  const { usage, contract, purchases } = state.signals;
  const facts = { usage: factsOf(usage), contract: factsOf(contract), purchases: factsOf(purchases) };
  const row = kpiRowOf(facts, state.nps?.score ?? null, state.kpi.row, nowMs, config.kpi.reportingCurrency);
  const previousSegment = state.kpi.segment;
  if (previousSegment === segment && sameRow(row, state.kpi.row)) return { memo: state.kpi, outputs: [] };
  const changes: { segment: string; before: KpiRow | null; after: KpiRow | null }[] =
    previousSegment === null || previousSegment === segment
      ? [{ segment, before: state.kpi.row, after: row }]
      : [
          { segment: previousSegment, before: state.kpi.row, after: null },
          { segment, before: null, after: row },
        ];
  let sent = state.kpi.sent;
  const outputs = changes
    .filter((change) => !(change.before === null && change.after === null))
    .map((change): OutputRecord => {
      sent += 1;
      const eventId = deterministicId('kpi', customerId, sent);
      const value: KpiChangeV1 = {
        schemaVersion: 1,
        eventId,
        segment: change.segment,
        customerId,
        eventTime: isoOf(nowMs),
        before: change.before,
        after: change.after,
      };
      return { output: 'kpi', key: change.segment, value, id: eventId, eventTimeMs: nowMs };
    });
  return { memo: { sent, segment, row }, outputs };
}
