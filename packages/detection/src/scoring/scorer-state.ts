import type { AlertKind, CustomerProfileV1 } from '@churnwatch/contracts';
import type { KpiRow } from '../kpi/kpi-contract.ts';
import type { SignalConcern } from '../signals/signal-contract.ts';
import type { AlertTrack } from './alert-lifecycle.ts';
import type { HeldInput } from './held-inputs.ts';
import type { StoredSignal } from './stored-signal.ts';

export interface NpsAnswer {
  readonly score: number;
  readonly atMs: number;
}

/** The profile facts the scorer needs: segmentation, routing and value. */
export type StoredProfile = Pick<CustomerProfileV1, 'segment' | 'plan' | 'owner' | 'contractValue' | 'name'>;

/**
 * Per-customer state of the risk scorer. Plain JSON. Version 2 keeps signals in their stored
 * shape (stored-signal.ts) and only the tracks that differ from a new one; state of version 1
 * (scorer-state-v1.ts) is read as well.
 */
export interface RiskScorerState {
  readonly version: 2;
  /** The customer’s clock: the latest time seen, so that "now" never runs backwards (JSON-safe start value). */
  readonly clockMs: number;
  readonly profile: StoredProfile | null;
  /** What is kept of the latest signal of each concern. */
  readonly signals: Partial<Record<SignalConcern, StoredSignal>>;
  readonly nps: NpsAnswer | null;
  /**
   * NPS answers later than the customer's clock, oldest first, each applied when the clock reaches
   * it (nps-answers.ts). Absent in state from before they were kept.
   */
  readonly pendingNps?: readonly NpsAnswer[];
  /**
   * Signals and profile rows ahead of the scorer's stream time, in event-time order, while it
   * takes its inputs in that order (held-inputs.ts). Absent when none wait.
   */
  readonly held?: readonly HeldInput[];
  /** A kind without a track has a new one (NEW_TRACK). */
  readonly tracks: Partial<Record<AlertKind, AlertTrack>>;
  /** When the current renewal-at-risk finding began; null while none. */
  readonly renewalRiskSinceMs: number | null;
  /**
   * How many renewal-at-risk alerts have opened for the current renewal date: with the date it
   * seeds their ids. Absent in state from before it was kept.
   */
  readonly renewalRiskOpenings?: { readonly renewalDate: string; readonly count: number } | null;
  readonly health: { readonly sent: number; readonly lastContent: string | null };
  readonly kpi: { readonly sent: number; readonly segment: string | null; readonly row: KpiRow | null };
}

export const INITIAL_SCORER_STATE: RiskScorerState = {
  version: 2,
  clockMs: Number.MIN_SAFE_INTEGER,
  profile: null,
  signals: {},
  nps: null,
  tracks: {},
  renewalRiskSinceMs: null,
  renewalRiskOpenings: null,
  health: { sent: 0, lastContent: null },
  kpi: { sent: 0, segment: null, row: null },
};

export function storedProfileOf(profile: CustomerProfileV1 | null): StoredProfile | null {
  if (profile === null) return null;
  const { segment, plan, owner, contractValue, name } = profile;
  return {
    segment,
    ...(plan === undefined ? {} : { plan }),
    ...(owner === undefined ? {} : { owner }),
    ...(contractValue === undefined ? {} : { contractValue }),
    ...(name === undefined ? {} : { name }),
  };
}

/**
 * The tracks as stored: a track no different from a new one is left out; a history and a close
 * request are kept only while non-empty or requested and while the alert is open (nothing reads
 * them once it has closed, and the next opening starts them afresh).
 */
export function storedTracks(tracks: Partial<Record<AlertKind, AlertTrack>>): Partial<Record<AlertKind, AlertTrack>> {
  const stored: Partial<Record<AlertKind, AlertTrack>> = {};
  for (const [kind, track] of Object.entries(tracks) as [AlertKind, AlertTrack][]) {
    const { history, closeRequested, ...rest } = track;
    if (rest.open === null) {
      if (rest.steps !== 0 || rest.lastResolvedAtMs !== null || rest.snoozedUntilMs !== null) stored[kind] = rest;
      continue;
    }
    stored[kind] = { ...rest, ...(history?.length ? { history } : {}), ...(closeRequested === true ? { closeRequested } : {}) };
  }
  return stored;
}
