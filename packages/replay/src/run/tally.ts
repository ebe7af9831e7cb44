import type { EmittedOutput } from '@churnwatch/stream-runtime';
import type { RejectReason } from '../input/decode-line.ts';

/** Counts of one replay, for its summary. Plain data. */
export interface ReplayTally {
  /** Input lines read (blank lines and a CDNOW header not counted). */
  linesRead: number;
  /** Records replayed, per event kind. */
  readonly eventsByKind: Record<string, number>;
  /** Rejected lines, per reason. */
  readonly rejectedByReason: Partial<Record<RejectReason, number>>;
  rejected: number;
  /** Records with an event time behind the stream time (processed as late events). */
  lateEvents: number;
  /** Records after `--until`, not replayed. */
  afterUntil: number;
  /** Alert life-cycle steps per `kind status`. */
  readonly alerts: Record<string, number>;
  healthRecords: number;
  /** Earliest and latest event time replayed; ms since the epoch, null before any. */
  firstEventMs: number | null;
  lastEventMs: number | null;
}

export function createTally(): ReplayTally {
  return {
    linesRead: 0,
    eventsByKind: {},
    rejectedByReason: {},
    rejected: 0,
    lateEvents: 0,
    afterUntil: 0,
    alerts: {},
    healthRecords: 0,
    firstEventMs: null,
    lastEventMs: null,
  };
}

export function countOutputs(tally: ReplayTally, outputs: readonly EmittedOutput[]): void {
  for (const output of outputs) {
    if (output.output === 'customerHealth') tally.healthRecords++;
    else if (output.output === 'alerts') {
      const alert = output.value as { kind: string; status: string };
      const key = `${alert.kind} ${alert.status}`;
      tally.alerts[key] = (tally.alerts[key] ?? 0) + 1;
    }
  }
}
