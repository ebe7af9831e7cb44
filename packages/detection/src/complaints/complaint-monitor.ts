import type { ComplaintEventV1 } from '@churnwatch/contracts';
import type { DetectionConfig } from '../config/detection-config.ts';
import { checkTimer, createMonitor, type MonitorState } from '../monitor/create-monitor.ts';
import type { Finding } from '../signals/signal-contract.ts';
import { EMPTY_SIGNAL_MEMO } from '../signals/signal-emitter.ts';
import { isoOf } from '../time/days.ts';
import { assessComplaints, type ComplaintAssessment, type EscalationReason, escalationReasons } from './complaint-assessment.ts';
import { currentBook, EMPTY_COMPLAINT_BOOK, pruneComplaintBook, recordComplaintEvent, type StoredComplaintBook } from './complaint-book.ts';

/**
 * The worst an escalation has been since it began. Its fingerprint only moves when things get
 * worse (a new reason, more complaints, critical), so new complaints update the alert while
 * resolutions stay quiet until the all-clear.
 */
interface EscalationPeak {
  readonly sinceMs: number;
  readonly critical: boolean;
  readonly reasons: readonly EscalationReason[];
  readonly complaints: number;
}

/** Per-customer state of the complaint monitor. Plain JSON. */
export interface ComplaintMonitorState extends MonitorState {
  /** Of the current shape once the customer's first event or check since a restore has run. */
  readonly book: StoredComplaintBook;
  /** The current escalation at its worst so far; null while none. */
  readonly escalation: EscalationPeak | null;
}

export type ComplaintMonitorInput = ComplaintEventV1;

export const COMPLAINT_CHECK_TIMER = 'complaint-check';

function nextPeak(previous: EscalationPeak | null, assessment: ComplaintAssessment, nowMs: number): EscalationPeak | null {
  if (assessment.finding === null) return null;
  const reasons = new Set([...(previous?.reasons ?? []), ...assessment.reasons]);
  return {
    sinceMs: previous?.sinceMs ?? nowMs,
    critical: assessment.finding.severity === 'critical' || previous?.critical === true,
    reasons: escalationReasons.filter((reason) => reasons.has(reason)),
    complaints: Math.max(previous?.complaints ?? 0, assessment.complaintsInWindow),
  };
}

function findingsOf(assessment: ComplaintAssessment, escalation: EscalationPeak | null): Finding[] {
  if (assessment.finding === null || escalation === null) return [];
  const severity = escalation.critical ? 'critical' : 'warning';
  return [
    {
      ...assessment.finding,
      severity,
      since: isoOf(escalation.sinceMs),
      fingerprint: `${severity}:${escalation.reasons.join('+')}:complaints-${escalation.complaints}`,
    },
  ];
}

/**
 * The complaint monitor, keyed by customer id. Inputs `complaints` and `customerProfiles`;
 * output `signals` (concern `complaints`: the complaint_escalation finding, the complaints
 * factor, the open count). A wall-clock timer catches complaints left unresolved too long and
 * complaints leaving the window, without any new event. Pure.
 */
export function createComplaintMonitor(config: DetectionConfig) {
  return createMonitor<ComplaintMonitorState, ComplaintMonitorInput>(config, {
    name: 'complaint-monitor',
    concern: 'complaints',
    input: 'complaints',
    initialState: { segmentation: null, book: EMPTY_COMPLAINT_BOOK, escalation: null, signal: EMPTY_SIGNAL_MEMO },
    hasSubject: (state) => state.signal.sent > 0 || state.book.recent.length > 0,
    record: (state, event, eventTimeMs) => ({ ...state, book: recordComplaintEvent(currentBook(state.book), event, eventTimeMs) }),
    assess(state, thresholds, nowMs) {
      // Kept as long as the longer of the window and the track record needs them.
      const { windowDays, trackRecordDays } = thresholds.complaints;
      const book = pruneComplaintBook(currentBook(state.book), nowMs, Math.max(windowDays, trackRecordDays));
      const assessment = assessComplaints(book, nowMs, thresholds.complaints, config.ruleVersion);
      const escalation = nextPeak(state.escalation, assessment, nowMs);
      return {
        state: { ...state, book, escalation },
        draft: { ...assessment.draft, findings: findingsOf(assessment, escalation) },
        ...checkTimer(COMPLAINT_CHECK_TIMER, assessment.nextCheckMs),
      };
    },
  });
}
