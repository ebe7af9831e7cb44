import type { AlertEvidence, AlertKind, AlertSeverity } from '@churnwatch/contracts';
import type { SignalConcern, SignalFacts, SignalV1 } from '../signals/signal-contract.ts';
import type { AlertTrack } from './alert-lifecycle.ts';

/**
 * What the risk scorer keeps of a monitor's latest signal: only what scoring, the alert steps and
 * their texts read. The envelope (ids, concern, schema version) is not kept, times are numbers,
 * and what an all-clear shows only while an alert may still need it. Plain JSON.
 */
export interface StoredSignal {
  /** The signal's event time. */
  readonly atMs: number;
  readonly factor: SignalV1['factor'];
  /**
   * What an all-clear of the concern shows when its finding is gone: the signal's detail and
   * latest measurement. Kept while the signal has findings or an alert of its concern is open;
   * without either no alert of the concern can open, so none can close, before the monitor's next
   * signal replaces this one.
   */
  readonly allClear?: AllClear;
  /** Absent when there are none. */
  readonly findings?: readonly StoredFinding[];
  /** Absent when there are none. */
  readonly facts?: SignalFacts;
}

export interface AllClear {
  readonly detail: string;
  readonly evidence: readonly AlertEvidence[];
}

export interface StoredFinding {
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  readonly sinceMs: number;
  readonly headline: string;
  readonly fingerprint: string;
  /** A number stands for the item at that index of the all-clear's evidence (a finding mostly shows one of the signal's measurements). */
  readonly evidence: readonly (AlertEvidence | number)[];
}

/** Which concern speaks for each alert kind (renewal_at_risk is the scorer's own). */
export const CONCERN_OF: Readonly<Record<Exclude<AlertKind, 'renewal_at_risk'>, SignalConcern>> = {
  usage_declining: 'usage',
  usage_stopped: 'usage',
  renewal_upcoming: 'contract',
  complaint_escalation: 'complaints',
  purchase_lapse: 'purchases',
};

const NO_FACTS: SignalFacts = Object.freeze({});
const NO_FINDINGS: readonly StoredFinding[] = Object.freeze([]);

export function storedSignalOf(signal: SignalV1): StoredSignal {
  // Only a finding's evidence is looked up among the signal's: most signals have no finding.
  const texts = signal.findings.length === 0 ? [] : signal.evidence.map((item) => JSON.stringify(item));
  const findings = signal.findings.map(
    (finding): StoredFinding => ({
      kind: finding.kind,
      severity: finding.severity,
      sinceMs: Date.parse(finding.since),
      headline: finding.headline,
      fingerprint: finding.fingerprint,
      evidence: finding.evidence.map((item) => {
        const index = texts.indexOf(JSON.stringify(item));
        return index === -1 ? item : index;
      }),
    }),
  );
  return {
    atMs: Date.parse(signal.eventTime),
    factor: signal.factor,
    allClear: { detail: signal.detail, evidence: signal.evidence },
    ...(findings.length === 0 ? {} : { findings }),
    ...(Object.keys(signal.facts).length === 0 ? {} : { facts: signal.facts }),
  };
}

export const factsOf = (signal: StoredSignal | undefined): SignalFacts | undefined => (signal === undefined ? undefined : (signal.facts ?? NO_FACTS));
export const findingsOf = (signal: StoredSignal): readonly StoredFinding[] => signal.findings ?? NO_FINDINGS;

/** A finding's evidence in full. */
export function findingEvidence(signal: StoredSignal, finding: StoredFinding): AlertEvidence[] {
  return finding.evidence.map((item) => (typeof item === 'number' ? ((signal.allClear as AllClear).evidence[item] as AlertEvidence) : item));
}

/** The signals without the all-clears no alert can need any more (see StoredSignal.allClear), given the tracks after an evaluation. */
export function withoutIdleAllClears(
  signals: Partial<Record<SignalConcern, StoredSignal>>,
  tracks: Partial<Record<AlertKind, AlertTrack>>,
): Partial<Record<SignalConcern, StoredSignal>> {
  const openConcerns = new Set<SignalConcern>();
  for (const [kind, concern] of Object.entries(CONCERN_OF)) if (tracks[kind as AlertKind]?.open != null) openConcerns.add(concern);
  let changed = false;
  const kept = Object.fromEntries(
    Object.entries(signals).map(([concern, signal]) => {
      if (signal.allClear === undefined || signal.findings !== undefined || openConcerns.has(concern as SignalConcern)) return [concern, signal];
      changed = true;
      const { allClear: _idle, ...rest } = signal;
      return [concern, rest];
    }),
  );
  return changed ? kept : signals;
}
