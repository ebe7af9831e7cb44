import type { AlertEvidence } from '@churnwatch/contracts';
import type { SentenceFacts } from './sentence-facts.ts';

const MS_PER_DAY = 86_400_000;

/** Typed reads of one detector's evidence; undefined when a fact is missing or of another type. */
export interface EvidenceReader {
  number(field: string): number | undefined;
  string(field: string): string | undefined;
  boolean(field: string): boolean | undefined;
  threshold(field: string): number | string | undefined;
  /** Whole days the observed window spans. */
  readonly windowDays: number | undefined;
}

export function readerOf(evidence: AlertEvidence): EvidenceReader {
  const { observed, thresholds, window } = evidence;
  return {
    number: (field) => (typeof observed[field] === 'number' ? observed[field] : undefined),
    string: (field) => (typeof observed[field] === 'string' ? observed[field] : undefined),
    boolean: (field) => (typeof observed[field] === 'boolean' ? observed[field] : undefined),
    threshold: (field) => {
      const value = thresholds[field];
      return typeof value === 'number' || typeof value === 'string' ? value : undefined;
    },
    windowDays: window === undefined ? undefined : Math.round((Date.parse(window.to) - Date.parse(window.from)) / MS_PER_DAY),
  };
}

/** The evidence of `detector` on the alert, read. */
export function evidenceOf(alert: SentenceFacts, detector: string): EvidenceReader | undefined {
  const evidence = alert.evidence.find((entry) => entry.detector === detector);
  return evidence === undefined ? undefined : readerOf(evidence);
}

/** A comma list of reason codes as the detectors write it ("count,severity"). */
export function reasonsOf(reader: EvidenceReader): string[] {
  return (reader.string('reasons') ?? '').split(',').filter((reason) => reason !== '');
}
